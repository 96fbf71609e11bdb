package dev.tsforge.bench;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.Owa;
import dev.tsforge.statistics.Gaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The forecasts scored at one origin of a series, M4's way, for the harnesses that score methods at several origins
 * ({@link ArimaWholeRunHarness}, {@link StatisticalChoiceHarness}): sMAPE and MASE against the actual values (MASE
 * scaled on the training part, gaps filled), OWA against Naive2's, which is scored first.
 */
final class OriginScores {

    private final String name;
    private final String group;
    private final double[] actual;
    private final double scale;
    private final Accuracy naive2;
    private final List<Score> scores = new ArrayList<>();

    /** @param origin the origin's number, from 0 at the holdout; the scores' series is "name@origin" */
    OriginScores(ManifestEntry entry, int origin, double[] training, double[] actual) {
        this.name = entry.name() + "@" + origin;
        this.group = entry.group();
        this.actual = actual;
        double[] filled = Gaps.fillLinear(training);
        this.scale = Accuracy.maseScale(filled, entry.period());
        this.naive2 = Accuracy.of(actual, Baselines.naive2(filled, actual.length,
                entry.period() < filled.length ? entry.period() : 1), scale);
        scores.add(new Score(name, group, "Naive2", naive2.smape(), naive2.mase(), 1, Double.NaN, Double.NaN, 0));
    }

    /** Scores {@code method}'s forecast; returns its OWA. */
    double add(String method, double[] forecast) {
        Accuracy accuracy = Accuracy.of(actual, forecast, scale);
        double owa = Owa.of(accuracy.smape(), accuracy.mase(), naive2.smape(), naive2.mase());
        scores.add(new Score(name, group, method, accuracy.smape(), accuracy.mase(), owa, Double.NaN, Double.NaN, 0));
        return owa;
    }

    List<Score> scores() {
        return scores;
    }

    /** Prints, per method, the pooled OWA of every group and of all forecasts, labelled {@code label}. */
    static void report(String label, List<Score> scores) {
        List<String> groups = new ArrayList<>(GroupScore.groups(scores));
        groups.add(GroupScore.ALL);
        for (String method : scores.stream().map(Score::method).filter(m -> !m.equals("Naive2")).distinct()
                .toList()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "{\"%s\": \"%s\"", label, method));
            for (String group : groups) {
                line.append(String.format(Locale.ROOT, ", \"%s\": %.3f", group,
                        GroupScore.of(scores, group, method).owa()));
            }
            System.out.println(line.append(String.format(Locale.ROOT, ", \"forecasts\": %d}",
                    GroupScore.seriesOf(scores, GroupScore.ALL).size())));
        }
    }
}
