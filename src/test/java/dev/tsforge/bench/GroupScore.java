package dev.tsforge.bench;

import dev.tsforge.evaluation.Owa;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One method over a set of series, as M4 aggregates: mean sMAPE, mean MASE, and OWA of those two means against
 * Naive2's on the same series (not the mean of the per-series OWAs).
 *
 * @param series how many series the means are over; 0 when the method lacks a score on one of them (all NaN)
 */
record GroupScore(String method, int series, double smape, double mase, double owa) {

    /** The label of the aggregate over every series. */
    static final String ALL = "all";

    /** The method's scores on the series of {@code group}, or on every series for {@link #ALL}. */
    static GroupScore of(List<Score> scores, String group, String method) {
        List<String> names = seriesOf(scores, group);
        double smape = 0;
        double mase = 0;
        double naive2Smape = 0;
        double naive2Mase = 0;
        for (String name : names) {
            Score score = find(scores, name, method);
            Score naive2 = find(scores, name, "Naive2");
            if (score == null || naive2 == null) {
                return new GroupScore(method, 0, Double.NaN, Double.NaN, Double.NaN);
            }
            smape += score.smape();
            mase += score.mase();
            naive2Smape += naive2.smape();
            naive2Mase += naive2.mase();
        }
        int n = names.size();
        return n == 0 ? new GroupScore(method, 0, Double.NaN, Double.NaN, Double.NaN)
                : new GroupScore(method, n, smape / n, mase / n, Owa.of(smape, mase, naive2Smape, naive2Mase));
    }

    /** The groups in the order their first series was scored. */
    static List<String> groups(List<Score> scores) {
        return new ArrayList<>(scores.stream().map(Score::group).collect(LinkedHashSet<String>::new,
                LinkedHashSet::add, LinkedHashSet::addAll));
    }

    static List<String> seriesOf(List<Score> scores, String group) {
        return scores.stream().filter(s -> group.equals(ALL) || s.group().equals(group)).map(Score::series)
                .distinct().toList();
    }

    static Score find(List<Score> scores, String series, String method) {
        return scores.stream().filter(s -> s.series().equals(series) && s.method().equals(method)).findFirst()
                .orElse(null);
    }
}
