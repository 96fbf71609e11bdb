package dev.tsforge.bench;

import dev.tsforge.evaluation.Owa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The "Accuracy" section of {@code bench/RESULTS.md}. */
final class AccuracyReport {

    static final String TITLE = "## Accuracy (M4 protocol, bench/accuracy)";

    private AccuracyReport() {
    }

    static String markdown(AccuracyBenchmark.Outcome outcome, int budgetSeconds) {
        List<Score> scores = outcome.scores();
        Set<String> methods = new LinkedHashSet<>();
        Set<String> series = new LinkedHashSet<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Score score : scores) {
            methods.add(score.method());
            series.add(score.series());
            groups.put(score.series(), score.group());
        }
        List<String> lines = new ArrayList<>();
        lines.add(TITLE);
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Run %s with `bench/accuracy/run.sh`; %d cores; Java %s; AUTO budget %d s "
                + "per series; %s. The last h points of each series are held out (h = 18 monthly, 8 quarterly, 6 "
                + "yearly, 14 daily, 20 per-minute); every method sees only the rest. sMAPE and MASE as in M4 (MASE "
                + "with period 12 monthly, 4 quarterly, 1 otherwise), OWA against Naive2 (below 1 beats it). "
                + "Group rows are M4's: OWA of the group's mean sMAPE and mean MASE. Charts: "
                + "`bench/accuracy/results/<series>.png`.", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), budgetSeconds, outcome.withR()
                        ? "ETS, auto.arima and thetaf from R's forecast package"
                        : "R not installed: no ETS or auto.arima (apt-get install r-base-core r-cran-forecast)"));
        lines.add("");
        lines.add("OWA per series and per group:");
        lines.add("");
        lines.add("| series | group | " + String.join(" | ", methods) + " |");
        lines.add("|---|---|" + "---|".repeat(methods.size()));
        for (String name : series) {
            StringBuilder row = new StringBuilder("| " + name + " | " + groups.get(name) + " |");
            for (String method : methods) {
                row.append(' ').append(cell(find(scores, name, method), Score::owa)).append(" |");
            }
            lines.add(row.toString());
        }
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        groups.forEach((name, group) -> byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(name));
        byGroup.put("**all**", new ArrayList<>(series));
        for (Map.Entry<String, List<String>> group : byGroup.entrySet()) {
            StringBuilder row = new StringBuilder("| " + (group.getKey().startsWith("*") ? group.getKey()
                    : "*" + group.getKey() + "*") + " | " + group.getValue().size() + " series |");
            for (String method : methods) {
                row.append(' ').append(groupOwa(scores, group.getValue(), method)).append(" |");
            }
            lines.add(row.toString());
        }
        lines.add("");
        lines.add("sMAPE / MASE per series; 95 % intervals: coverage / MSIS where the method gives them; seconds to "
                + "fit and forecast where measured (the service's includes ingest and the AUTO search):");
        lines.add("");
        lines.add("| series | method | sMAPE | MASE | OWA | 95 % coverage | MSIS | seconds |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Score s : scores) {
            lines.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.3f | %.3f | %s | %s | %s |", s.series(),
                    s.method(), s.smape(), s.mase(), s.owa(), Double.isNaN(s.coverage()) ? "—"
                            : String.format(Locale.ROOT, "%.0f %%", 100 * s.coverage()),
                    number(s.msis(), "%.2f"), number(s.seconds(), "%.1f")));
        }
        lines.add("");
        lines.add("What AUTO tried, per series:");
        lines.add("");
        outcome.searches().forEach(search -> lines.add("- " + search));
        lines.add("");
        return String.join("\n", lines);
    }

    private static Score find(List<Score> scores, String series, String method) {
        return scores.stream().filter(s -> s.series().equals(series) && s.method().equals(method)).findFirst()
                .orElse(null);
    }

    private static String cell(Score score, ToDoubleFunction<Score> value) {
        return score == null ? "—" : String.format(Locale.ROOT, "%.3f", value.applyAsDouble(score));
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
    }

    /** M4's group OWA: the method's mean sMAPE and mean MASE over the group against Naive2's. */
    static String groupOwa(List<Score> scores, List<String> series, String method) {
        double smape = 0;
        double mase = 0;
        double naive2Smape = 0;
        double naive2Mase = 0;
        for (String name : series) {
            Score score = find(scores, name, method);
            Score naive2 = find(scores, name, "Naive2");
            if (score == null || naive2 == null) {
                return "—";
            }
            smape += score.smape();
            mase += score.mase();
            naive2Smape += naive2.smape();
            naive2Mase += naive2.mase();
        }
        return String.format(Locale.ROOT, "%.3f", Owa.of(smape, mase, naive2Smape, naive2Mase));
    }

    /** Replaces the section in the results file, or appends it. */
    static void replaceSection(Path results, String section) throws IOException {
        String content = Files.exists(results) ? Files.readString(results) : "# Benchmark results\n\n";
        Pattern pattern = Pattern.compile("^" + Pattern.quote(TITLE) + ".*?(?=^## |\\z)",
                Pattern.DOTALL | Pattern.MULTILINE);
        Matcher matcher = pattern.matcher(content);
        String updated = matcher.find() ? matcher.replaceFirst(Matcher.quoteReplacement(section + "\n"))
                : content.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(results, updated);
    }
}
