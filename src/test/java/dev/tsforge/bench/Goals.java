package dev.tsforge.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What the service's AUTO should achieve on the benchmark, checked on one run's results. */
final class Goals {

    static final String AUTO = "service AUTO";
    /** Group OWA at most this, in every group large enough for its mean to mean something. */
    static final double GROUP_OWA_LIMIT = 1.05;
    static final int GROUP_MIN_SERIES = 3;
    /** No series this much worse than Naive2. */
    static final double SERIES_OWA_LIMIT = 1.5;
    /** An AUTO job may run this much longer than its budget (its final refit comes after the search). */
    static final double BUDGET_SLACK = 1.2;
    /** Pooled coverage within this of the nominal level, per group. */
    static final double COVERAGE_TOLERANCE = 0.05;

    enum Verdict { PASS, FAIL, NOT_MEASURED }

    record Goal(String name, Verdict verdict, String detail) {
    }

    private Goals() {
    }

    static List<Goal> check(List<Score> scores, List<AutoRun> runs, List<Coverage> coverages) {
        List<Goal> goals = new ArrayList<>();
        GroupScore auto = GroupScore.of(scores, GroupScore.ALL, AUTO);
        for (String rival : List.of("ets", "auto.arima")) {
            GroupScore other = GroupScore.of(scores, GroupScore.ALL, rival);
            String name = "overall OWA below " + rival + "'s";
            goals.add(other.series() == 0 || auto.series() == 0
                    ? new Goal(name, Verdict.NOT_MEASURED, rival + " not run (R not installed?)")
                    : new Goal(name, verdict(auto.owa() < other.owa()),
                            String.format(Locale.ROOT, "%.3f vs %.3f", auto.owa(), other.owa())));
        }
        goals.add(groupOwa(scores));
        List<Score> worst = scores.stream().filter(s -> s.method().equals(AUTO) && !(s.owa() <= SERIES_OWA_LIMIT))
                .toList();
        goals.add(new Goal(String.format(Locale.ROOT, "no series above OWA %.2f", SERIES_OWA_LIMIT),
                verdict(worst.isEmpty()), worst.isEmpty() ? "worst " + worstSeries(scores)
                        : String.join(", ", worst.stream().map(s -> String.format(Locale.ROOT, "%s %.3f", s.series(),
                                s.owa())).toList())));
        List<AutoRun> late = runs.stream().filter(r -> !(r.budgetRatio() <= BUDGET_SLACK)).toList();
        goals.add(new Goal(String.format(Locale.ROOT, "every AUTO job within budget + %.0f %%",
                100 * (BUDGET_SLACK - 1)), runs.isEmpty() ? Verdict.NOT_MEASURED : verdict(late.isEmpty()),
                late.isEmpty() ? String.format(Locale.ROOT, "largest ratio %.2f", runs.stream()
                        .mapToDouble(AutoRun::budgetRatio).max().orElse(Double.NaN))
                        : String.join(", ", late.stream().map(r -> String.format(Locale.ROOT, "%s %.1f s of %d s",
                                r.series(), r.runningSeconds(), r.budgetSeconds())).toList())));
        goals.add(coverage(coverages));
        return goals;
    }

    private static Goal groupOwa(List<Score> scores) {
        String name = String.format(Locale.ROOT, "OWA at most %.2f in every group of %d+ series", GROUP_OWA_LIMIT,
                GROUP_MIN_SERIES);
        List<String> checked = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String group : GroupScore.groups(scores)) {
            GroupScore score = GroupScore.of(scores, group, AUTO);
            if (score.series() >= GROUP_MIN_SERIES) {
                String text = String.format(Locale.ROOT, "%s %.3f", group, score.owa());
                checked.add(text);
                if (!(score.owa() <= GROUP_OWA_LIMIT)) {
                    failed.add(text);
                }
            }
        }
        return checked.isEmpty() ? new Goal(name, Verdict.NOT_MEASURED, "no group of " + GROUP_MIN_SERIES + "+ series")
                : new Goal(name, verdict(failed.isEmpty()), String.join(", ", failed.isEmpty() ? checked : failed));
    }

    private static Goal coverage(List<Coverage> coverages) {
        String name = String.format(Locale.ROOT, "pooled coverage within ±%.0f points of 80 %% and 95 %% per group",
                100 * COVERAGE_TOLERANCE);
        List<String> groups = coverages.stream().map(Coverage::group).distinct().toList();
        List<String> checked = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String group : groups) {
            Coverage.Pooled pooled = Coverage.Pooled.of(coverages.stream().filter(c -> c.group().equals(group))
                    .toList());
            if (pooled.actuals() == 0) {
                continue;
            }
            String text = String.format(Locale.ROOT, "%s %.0f %% / %.0f %%", group, 100 * pooled.at80(),
                    100 * pooled.at95());
            checked.add(text);
            if (!within(pooled.at80(), 0.80) || !within(pooled.at95(), 0.95)) {
                failed.add(text);
            }
        }
        List<String> unmeasured = groups.stream().filter(g -> checked.stream().noneMatch(t -> t.startsWith(g + " ")))
                .toList();
        String rest = unmeasured.isEmpty() ? "" : "; not measured: " + String.join(", ", unmeasured);
        return checked.isEmpty() ? new Goal(name, Verdict.NOT_MEASURED, "no coverage measured" + rest)
                : new Goal(name, verdict(failed.isEmpty()), String.join(", ", failed.isEmpty() ? checked : failed)
                        + rest);
    }

    static boolean within(double coverage, double nominal) {
        return Math.abs(coverage - nominal) <= COVERAGE_TOLERANCE + 1e-9;
    }

    private static String worstSeries(List<Score> scores) {
        return scores.stream().filter(s -> s.method().equals(AUTO)).max(Comparator.comparingDouble(Score::owa))
                .map(s -> String.format(Locale.ROOT, "%s %.3f", s.series(), s.owa())).orElse("—");
    }

    private static Verdict verdict(boolean passed) {
        return passed ? Verdict.PASS : Verdict.FAIL;
    }
}
