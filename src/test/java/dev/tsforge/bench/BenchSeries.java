package dev.tsforge.bench;

import dev.tsforge.series.Frequency;
import dev.tsforge.statistics.Gaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One public series under the M4 protocol: its last {@code horizon} grid steps are held out, the rest is what every
 * method may see. A missing observation (an absent CSV row) is NaN on the grid.
 *
 * @param setup    the manifest's row: grid, season length, horizon, group
 * @param observed the training part as the CSV has it: only observed points, for the service to ingest
 * @param heldOut  the holdout's CSV rows, without header: ingested only after every method has forecast
 * @param training the training part on the grid, NaN where missing
 * @param holdout  the held-out grid steps, NaN where missing
 */
record BenchSeries(ManifestEntry setup, List<String> observed, List<String> heldOut, Instant lastTrainingTimestamp,
        double[] training, double[] holdout) {

    /** Reads {@code timestamp,value} rows on the setup's grid and splits off the last {@code horizon} steps. */
    static BenchSeries load(Path csv, ManifestEntry setup) throws IOException {
        Frequency grid = grid(setup);
        List<String> lines = Files.readAllLines(csv);
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] cells = line.split(",");
                times.add(Instant.parse(cells[0]));
                values.add(Double.parseDouble(cells[1]));
            }
        }
        long first = grid.index(times.get(0));
        int steps = Math.toIntExact(grid.index(times.get(times.size() - 1)) - first + 1);
        double[] onGrid = new double[steps];
        Arrays.fill(onGrid, Double.NaN);
        for (int i = 0; i < times.size(); i++) {
            if (!grid.isOnGrid(times.get(i))) {
                throw new IllegalArgumentException(csv + ": " + times.get(i) + " is not on the grid of " + setup);
            }
            onGrid[Math.toIntExact(grid.index(times.get(i)) - first)] = values.get(i);
        }
        int cut = steps - setup.horizon();
        List<String> observed = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        observed.add(lines.get(0));
        for (int i = 0; i < times.size(); i++) {
            (grid.index(times.get(i)) - first < cut ? observed : heldOut).add(lines.get(i + 1));
        }
        return new BenchSeries(setup, observed, heldOut, grid.instantAt(first + cut - 1),
                Arrays.copyOfRange(onGrid, 0, cut), Arrays.copyOfRange(onGrid, cut, steps));
    }

    /** The grid as the service builds it from the same fields (the CSVs are stamped in UTC). */
    static Frequency grid(ManifestEntry setup) {
        return Frequency.of(setup.frequency(), setup.anchor(), setup.businessDays(), ZoneOffset.UTC);
    }

    String name() {
        return setup.name();
    }

    String group() {
        return setup.group();
    }

    String frequency() {
        return setup.frequency();
    }

    int period() {
        return setup.period();
    }

    int horizon() {
        return setup.horizon();
    }

    /** Grid steps from the first point to the last, holdout included. */
    int length() {
        return training.length + holdout.length;
    }

    /** Every grid step's value, the training part then the holdout (NaN where missing). */
    double[] values() {
        double[] all = Arrays.copyOf(training, length());
        System.arraycopy(holdout, 0, all, training.length, holdout.length);
        return all;
    }

    /** The training part with gaps filled linearly, for methods that need a complete history. */
    double[] filledTraining() {
        return Gaps.fillLinear(training);
    }

    int missing() {
        return (int) (Arrays.stream(training).filter(Double::isNaN).count()
                + Arrays.stream(holdout).filter(Double::isNaN).count());
    }
}
