package dev.tsforge.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * One model measured on the holdouts of many series (a global model over a collection's members): how many members
 * it beat the baselines on, and the mean MASE and sMAPE of the model and of naive, seasonal naive and Naive2 over
 * the members, with the M4 competition's OWA against Naive2. A mean leaves out the members where the measure is
 * undefined (MASE of a constant history; Naive2 of a history too short for two seasons).
 *
 * @param owa null when Naive2 could not be measured on any member, or scored 0
 */
public record PanelEvaluation(int members, int beatSeasonalNaive, int beatNaive, double meanMase, double meanSmape,
        double naiveMeanMase, double seasonalNaiveMeanMase, double seasonalNaiveMeanSmape, Double naive2MeanMase,
        Double naive2MeanSmape, Double owa) {

    /** A member's holdout evaluation, with Naive2's accuracy on the same holdout (null where it has none). */
    public record Member(HoldoutEvaluation evaluation, Accuracy naive2) {
    }

    public static PanelEvaluation of(List<Member> members) {
        List<HoldoutEvaluation> evaluations = members.stream().map(Member::evaluation).toList();
        List<Accuracy> naive2 = members.stream().map(Member::naive2).filter(Objects::nonNull).toList();
        double mase = mean(evaluations.stream().map(e -> e.model().mase()).toList());
        double smape = mean(evaluations.stream().map(e -> (Double) e.model().smape()).toList());
        Double naive2Mase = naive2.isEmpty() ? null : mean(naive2.stream().map(Accuracy::mase).toList());
        Double naive2Smape = naive2.isEmpty() ? null : mean(naive2.stream().map(a -> (Double) a.smape()).toList());
        Double owa = naive2Mase != null && naive2Mase > 0 && naive2Smape > 0
                ? Owa.of(smape, mase, naive2Smape, naive2Mase) : null;
        return new PanelEvaluation(members.size(),
                (int) evaluations.stream().filter(HoldoutEvaluation::beatsSeasonalNaive).count(),
                (int) evaluations.stream().filter(HoldoutEvaluation::beatsNaive).count(), mase, smape,
                mean(evaluations.stream().map(e -> e.naive().mase()).toList()),
                mean(evaluations.stream().map(e -> e.seasonalNaive().mase()).toList()),
                mean(evaluations.stream().map(e -> (Double) e.seasonalNaive().smape()).toList()),
                naive2Mase, naive2Smape, owa);
    }

    /** The share of members on which the model beat seasonal naive. */
    public double shareBeatingSeasonalNaive() {
        return members == 0 ? 0 : beatSeasonalNaive / (double) members;
    }

    private static double mean(List<Double> values) {
        return values.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue)
                .average().orElse(Double.NaN);
    }
}
