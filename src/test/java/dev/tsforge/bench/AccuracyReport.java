package dev.tsforge.bench;

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
        return markdown(outcome, budgetSeconds, AccuracyBenchmark.MANIFEST, AccuracyBenchmark.RESULTS_FOLDER);
    }

    /**
     * The section for a run over {@code manifest}'s series, charts in {@code charts}: titled {@link #TITLE} for the
     * public set, after the manifest's folder for another (a check set), so that each run replaces its own section.
     */
    static String markdown(AccuracyBenchmark.Outcome outcome, int budgetSeconds, Path manifest, Path charts) {
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
        lines.add(title(manifest));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "Run %s with `bench/accuracy/run.sh`%s; %d series; %d cores; Java %s; "
                + "AUTO budget %d s per series; %s. The series, their grids, season lengths m and horizons h are in "
                + "`%s`. The last h points of each series are held out (M4's h: 6 yearly, 8 quarterly, 18 monthly, "
                + "13 weekly, 14 daily; the manifest's for finer grids); every method sees only the rest. sMAPE and "
                + "MASE as in M4 (MASE and Naive2 with the manifest's m: 12 monthly, 4 quarterly, 5 for business "
                + "days, the manifest's for finer grids, 1 otherwise), OWA against Naive2 (below 1 beats it). Group "
                + "rows are M4's: OWA of the group's mean sMAPE and mean MASE. Charts: `%s/<series>.png`.",
                LocalDate.now(), isPublicSet(manifest) ? "" : " (`BENCH_MANIFEST=" + display(manifest) + "`)",
                series.size(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                budgetSeconds,
                outcome.withR() ? "ETS, auto.arima and thetaf from R's forecast package"
                        : "R not installed: no ETS or auto.arima (apt-get install r-base-core r-cran-forecast)",
                display(manifest), display(charts)));
        lines.add("");
        lines.add("Goals:");
        lines.add("");
        lines.add("| goal | verdict | detail |");
        lines.add("|---|---|---|");
        for (Goals.Goal goal : Goals.check(scores, outcome.runs(), outcome.coverages())) {
            lines.add("| " + goal.name() + " | " + (goal.verdict() == Goals.Verdict.NOT_MEASURED ? "not measured"
                    : "**" + goal.verdict() + "**") + " | " + goal.detail() + " |");
        }
        lines.add("");
        lines.add("Per frequency group and overall: OWA (mean sMAPE / mean MASE):");
        lines.add("");
        lines.add("| group | series | " + String.join(" | ", methods) + " |");
        lines.add("|---|---|" + "---|".repeat(methods.size()));
        List<String> groupNames = new ArrayList<>(GroupScore.groups(scores));
        groupNames.add(GroupScore.ALL);
        for (String group : groupNames) {
            StringBuilder row = new StringBuilder("| " + (group.equals(GroupScore.ALL) ? "**all**" : group) + " | "
                    + GroupScore.seriesOf(scores, group).size() + " |");
            for (String method : methods) {
                GroupScore score = GroupScore.of(scores, group, method);
                row.append(' ').append(score.series() == 0 ? "—" : String.format(Locale.ROOT, "%.3f (%.2f / %.3f)",
                        score.owa(), score.smape(), score.mase())).append(" |");
            }
            lines.add(row.toString());
        }
        lines.add("");
        lines.add("OWA per series:");
        lines.add("");
        lines.add("| series | group | " + String.join(" | ", methods) + " |");
        lines.add("|---|---|" + "---|".repeat(methods.size()));
        for (String name : series) {
            StringBuilder row = new StringBuilder("| " + name + " | " + groups.get(name) + " |");
            for (String method : methods) {
                row.append(' ').append(cell(GroupScore.find(scores, name, method), Score::owa)).append(" |");
            }
            lines.add(row.toString());
        }
        lines.add("");
        lines.addAll(autoRuns(outcome));
        if (!outcome.coverages().isEmpty()) {
            lines.addAll(coverage(outcome.coverages()));
        }
        lines.add("sMAPE / MASE per series; 95 % intervals on the holdout: coverage / MSIS where the method gives them; "
                + "seconds to fit and forecast where measured (the service's includes ingest and the AUTO search):");
        lines.add("");
        lines.add("| series | method | sMAPE | MASE | OWA | 95 % coverage | MSIS | seconds |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (Score s : scores) {
            lines.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.3f | %.3f | %s | %s | %s |", s.series(),
                    s.method(), s.smape(), s.mase(), s.owa(), percent(s.coverage()), number(s.msis(), "%.2f"),
                    number(s.seconds(), "%.1f")));
        }
        lines.add("");
        lines.add("What AUTO tried, per series:");
        lines.add("");
        outcome.searches().forEach(search -> lines.add("- " + search));
        lines.add("");
        return String.join("\n", lines);
    }

    /** Per series: the AUTO job's winner and time against its budget; the forecast's fallback and interval method. */
    private static List<String> autoRuns(AccuracyBenchmark.Outcome outcome) {
        // columns for fields the service may not report yet
        boolean fallback = outcome.runs().stream().anyMatch(r -> r.fallback() != null);
        boolean intervals = outcome.runs().stream().anyMatch(r -> r.intervalMethod() != null);
        Map<String, Coverage> coverages = new LinkedHashMap<>();
        outcome.coverages().forEach(c -> coverages.put(c.series(), c));
        List<String> lines = new ArrayList<>();
        lines.add("The service's AUTO per series: the spec it chose, its job's time from RUNNING to SUCCEEDED against "
                + "the budget" + (fallback ? ", the forecast's fallback" : "") + (intervals
                ? ", how its intervals were made" : "") + (coverages.isEmpty() ? "" : ", and the coverage of its "
                + "80 % and 95 % intervals over rolling origins (below)") + ":");
        lines.add("");
        lines.add("| series | group | winner | budget s | running s | ratio |" + (fallback ? " fallback |" : "")
                + (intervals ? " intervals |" : "") + (coverages.isEmpty() ? "" : " folds × step | 80 % | 95 % |"));
        lines.add("|---|---|---|---|---|---|" + (fallback ? "---|" : "") + (intervals ? "---|" : "")
                + (coverages.isEmpty() ? "" : "---|---|---|"));
        for (AutoRun run : outcome.runs()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s |",
                    run.series(), run.group(), run.winner(), run.budgetSeconds(), number(run.runningSeconds(), "%.1f"),
                    number(run.budgetRatio(), "%.2f")));
            if (fallback) {
                row.append(' ').append(run.fallback() == null ? "—" : run.fallback().replace("|", "/")).append(" |");
            }
            if (intervals) {
                row.append(' ').append(run.intervalMethod() == null ? "—" : run.intervalMethod()).append(" |");
            }
            Coverage c = coverages.get(run.series());
            if (c != null) {
                row.append(c.folds() == 0 ? " — | — | — |" : String.format(Locale.ROOT, " %d × %d | %s | %s |",
                        c.folds(), c.step(), percent(c.at80()), percent(c.at95())));
            }
            lines.add(row.toString());
        }
        lines.add("");
        return lines;
    }

    /** Pooled coverage per group and overall, what it cost, and the series it could not be measured on. */
    private static List<String> coverage(List<Coverage> coverages) {
        List<String> lines = new ArrayList<>();
        lines.add("Coverage over rolling origins: the service's refitting backtest (`POST /api/v1/backtests`, "
                + "`refit: true`) of each AUTO winner's spec, trained anew and calibrated at each origin on the "
                + "values before it, about ten origins a horizon apart (closer, down to one step, where the series is "
                + "shorter; the last fold is the M4 holdout), the step the nearest one prime to the season length m, "
                + "so that the origins fall in different months, quarters or times of day. Pooled: the share of all "
                + "checked actual values inside the interval, over the group's series.");
        lines.add("");
        lines.add("| group | series measured | actuals | 80 % | 95 % | backtest s |");
        lines.add("|---|---|---|---|---|---|");
        List<String> groups = new ArrayList<>(coverages.stream().map(Coverage::group).distinct().toList());
        groups.add(GroupScore.ALL);
        for (String group : groups) {
            List<Coverage> members = coverages.stream()
                    .filter(c -> group.equals(GroupScore.ALL) || c.group().equals(group)).toList();
            Coverage.Pooled pooled = Coverage.Pooled.of(members);
            double seconds = members.stream().filter(c -> !Double.isNaN(c.seconds())).mapToDouble(Coverage::seconds)
                    .sum();
            lines.add(String.format(Locale.ROOT, "| %s | %d of %d | %d | %s | %s | %.1f |",
                    group.equals(GroupScore.ALL) ? "**all**" : group, pooled.series(), members.size(),
                    pooled.actuals(), percent(pooled.at80()), percent(pooled.at95()), seconds));
        }
        lines.add("");
        List<Coverage> skipped = coverages.stream().filter(c -> !c.measured()).toList();
        if (!skipped.isEmpty()) {
            lines.add("Not measured:");
            lines.add("");
            skipped.forEach(c -> lines.add("- " + c.series() + ": " + (c.note() == null
                    ? "the model gives no interval at 80 % or 95 %" : c.note())));
            lines.add("");
        }
        return lines;
    }

    private static String cell(Score score, ToDoubleFunction<Score> value) {
        return score == null ? "—" : String.format(Locale.ROOT, "%.3f", value.applyAsDouble(score));
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    static String title(Path manifest) {
        return isPublicSet(manifest) ? TITLE
                : "## Accuracy on " + display(manifest.toAbsolutePath().getParent()) + " (M4 protocol, a check set)";
    }

    /** Whether {@code manifest} is the public set's, {@link AccuracyBenchmark#MANIFEST}, however it is written. */
    static boolean isPublicSet(Path manifest) {
        return manifest.toAbsolutePath().normalize().equals(AccuracyBenchmark.MANIFEST.toAbsolutePath().normalize());
    }

    /** A path as the README and RESULTS write it: relative to the repository when inside it. */
    private static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    /** Replaces the section in the results file, or appends it. */
    static void replaceSection(Path results, String section) throws IOException {
        replaceSection(results, TITLE, section);
    }

    /** Replaces the section titled {@code title} in the results file, or appends it. */
    static void replaceSection(Path results, String title, String section) throws IOException {
        String content = Files.exists(results) ? Files.readString(results) : "# Benchmark results\n\n";
        Pattern pattern = Pattern.compile("^" + Pattern.quote(title) + ".*?(?=^## |\\z)",
                Pattern.DOTALL | Pattern.MULTILINE);
        Matcher matcher = pattern.matcher(content);
        String updated = matcher.find() ? matcher.replaceFirst(Matcher.quoteReplacement(section + "\n"))
                : content.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(results, updated);
    }
}
