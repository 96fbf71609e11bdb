package dev.tsforge.backtest;

import java.util.List;
import java.util.Map;

/**
 * A panel backtest's result: per member and method, the mean over folds of sMAPE and MASE, and per method the M4
 * aggregate over the members scored by every method.
 *
 * @param collection the collection, and {@code labels} the filters that chose its members (empty: every member)
 * @param members    the members every method forecast at every fold, by id
 * @param skipped    members left out before fitting (too short, unreadable), each with why
 * @param failed     members left out because a method failed on them at some fold, each with why; the others'
 *                   results stand
 */
public record PanelBacktest(String collection, List<String> labels, int folds, int horizon, int seasonalPeriod,
        List<PanelMethod> methods, List<Summary> aggregate, List<Member> members, List<Excluded> skipped,
        List<Excluded> failed) {

    /**
     * One method over the members: the means of their rows, and OWA of those means against Naive2's (M4's way: the
     * ratio of means, not the mean of ratios).
     *
     * @param meanMase       null when MASE is undefined on every member (constant histories)
     * @param owa            null when Naive2's mean sMAPE or MASE is 0 or undefined
     * @param globalBetterOn members on which GLOBAL had the lower MASE (sMAPE where MASE is undefined); null for
     *                       GLOBAL itself
     */
    public record Summary(PanelMethod method, int members, double meanSmape, Double meanMase, Double owa,
            Integer globalBetterOn) {
    }

    /** A member's scores, per method in the order of {@link #methods}. */
    public record Member(long seriesId, String uniqueId, Map<PanelMethod, Score> scores) {
    }

    /**
     * A method on one member, its measures averaged over the folds.
     *
     * @param mase null when the member's history before an origin is constant (MASE's scale is 0)
     * @param owa  against Naive2 on the same member; null where Naive2's sMAPE or MASE is 0 or undefined
     */
    public record Score(double smape, Double mase, Double owa) {
    }

    public record Excluded(long seriesId, String uniqueId, String reason) {
    }
}
