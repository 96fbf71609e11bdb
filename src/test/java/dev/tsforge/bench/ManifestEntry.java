package dev.tsforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One series of {@code bench/accuracy/manifest.csv}: where its CSV is, the grid it lies on, and how M4 scores it.
 *
 * @param file         the CSV, relative to the manifest's folder
 * @param anchor       where the grid's steps fall (FRIDAY: weeks ending Friday), or null for the grid's default
 * @param businessDays true when weekends are not on the grid (so they are not gaps; holidays are)
 * @param period       the season length for MASE and Naive2
 * @param horizon      the steps held out and forecast
 * @param group        the frequency group the means are taken over
 */
record ManifestEntry(String name, String file, String frequency, String anchor, boolean businessDays, int period,
        int horizon, String group) {

    static final String HEADER = "name,file,frequency,anchor,businessDays,m,h,group";

    static List<ManifestEntry> read(Path manifest) throws IOException {
        return parse(Files.readAllLines(manifest));
    }

    /** The rows after the header; lines starting with '#' and blank lines are comments. */
    static List<ManifestEntry> parse(List<String> lines) {
        List<String> rows = lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        if (rows.isEmpty() || !rows.get(0).strip().equals(HEADER)) {
            throw new IllegalArgumentException("the manifest's header must be " + HEADER);
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            // -1: keep the empty anchor cell
            String[] cells = row.strip().split(",", -1);
            if (cells.length != 8) {
                throw new IllegalArgumentException("8 cells expected (" + HEADER + "): " + row);
            }
            if (!cells[4].equals("true") && !cells[4].equals("false")) {
                throw new IllegalArgumentException("businessDays is true or false: " + row);
            }
            entries.add(new ManifestEntry(cells[0], cells[1], cells[2], cells[3].isEmpty() ? null : cells[3],
                    Boolean.parseBoolean(cells[4]), Integer.parseInt(cells[5]), Integer.parseInt(cells[6]), cells[7]));
        }
        if (entries.stream().map(ManifestEntry::name).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("series names in the manifest must be unique");
        }
        return entries;
    }

    /** The entries named in a comma-separated list, in the manifest's order; all of them for an empty list. */
    static List<ManifestEntry> select(List<ManifestEntry> entries, String names) {
        List<String> wanted = List.of(names.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> unknown = wanted.stream().filter(n -> entries.stream().noneMatch(e -> e.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not in the manifest: " + String.join(", ", unknown));
        }
        return wanted.isEmpty() ? entries : entries.stream().filter(e -> wanted.contains(e.name())).toList();
    }
}
