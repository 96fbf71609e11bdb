package dev.tsforge.training;

import dev.tsforge.evaluation.ValidationOrigins;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The candidate AUTO serves, and why, in words. */
record Choice(Candidate best, String verdict) {

    /**
     * The one-standard-error rule: the standing combination unless another statistical candidate beats it clearly
     * over the origins; the best network instead only when it beats that choice clearly (it has already beaten
     * seasonal naive, or it is disqualified).
     */
    static Choice of(List<Candidate> tried, Candidate standing, Candidate baseline, ValidationScoring scoring) {
        ValidationOrigins origins = scoring.origins();
        double[] last = scoring.run();
        int seasonalPeriod = scoring.seasonalPeriod();
        Candidate lowest = tried.stream().filter(Candidate::qualified).min(Comparator.comparingDouble(Candidate::mase))
                .orElse(baseline);
        Candidate lowestStatistical = tried.stream().filter(Candidate::statistical).filter(Candidate::qualified)
                .min(Comparator.comparingDouble(Candidate::mase)).orElse(baseline);
        Candidate bestStatistical = standing == null || !standing.qualified() || lowestStatistical == standing
                || origins.advantage(last, lowestStatistical.forecasts(), standing.forecasts(), seasonalPeriod)
                > AutoSearch.CLEAR_ADVANTAGE ? lowestStatistical : standing;
        double advantage = lowest.statistical() ? 0
                : origins.advantage(last, lowest.forecasts(), bestStatistical.forecasts(), seasonalPeriod);
        boolean unclear = !lowest.statistical() && !(advantage > AutoSearch.CLEAR_ADVANTAGE);
        Candidate best = lowest.statistical() || unclear ? bestStatistical : lowest;
        String verdict;
        if (unclear) {
            verdict = String.format(Locale.ROOT, "the best network (%s) did not beat %s by more than one standard "
                    + "error of their difference over the origins (%.2f), so the statistical method is served: its "
                    + "refit is the model validated, a network's is not", lowest.describe(),
                    bestStatistical.spec().architectureName(), advantage);
        } else if (best.statistical()) {
            verdict = (tried.stream().anyMatch(c -> !c.statistical())
                    ? "no network forecast the validation origins better, so the statistical method is served"
                    : "no network was tried within the budget, so the statistical method is served")
                    + (best == standing && lowestStatistical != standing ? String.format(Locale.ROOT, "; the "
                    + "standing combination %s, as %s (MASE %.3f) did not beat it by more than one standard error "
                    + "of their difference over the origins", standing.spec().architectureName(),
                    lowestStatistical.spec().architectureName(), lowestStatistical.mase()) : "");
        } else {
            verdict = String.format(Locale.ROOT, "the network beat %s (MASE %.3f) and, by %.2f standard errors of "
                    + "their difference over the origins, %s (MASE %.3f)", baseline.spec().architectureName(),
                    baseline.mase(), advantage, bestStatistical.spec().architectureName(), bestStatistical.mase());
        }
        return new Choice(best, verdict);
    }
}
