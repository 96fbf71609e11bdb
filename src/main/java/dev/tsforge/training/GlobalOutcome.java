package dev.tsforge.training;

import dev.tsforge.evaluation.PanelEvaluation;
import dev.tsforge.registry.ModelRegistry;
import java.util.List;
import java.util.Locale;

/**
 * A registered global model and its job's outcome in words: how it did over the members, and where it became the
 * champion.
 */
record GlobalOutcome(ModelRegistry.GlobalRegistration registration, String text) {

    /** Skipped members named in the outcome; the rest are counted. */
    private static final int NAMED = 3;

    static String describe(PanelEvaluation panel, ModelRegistry.GlobalRegistration registration,
            List<String> skipped) {
        String text = String.format(Locale.ROOT, "global model of %d members: beat seasonal naive on %d (%.0f %%); "
                + "mean MASE %.3f vs seasonal naive %.3f and naive %.3f; mean sMAPE %.2f vs seasonal naive %.2f%s; "
                + "champion of %d member(s) (GET /api/v1/models/%d/members says why)", panel.members(),
                panel.beatSeasonalNaive(), 100 * panel.shareBeatingSeasonalNaive(), panel.meanMase(),
                panel.seasonalNaiveMeanMase(), panel.naiveMeanMase(), panel.meanSmape(),
                panel.seasonalNaiveMeanSmape(), panel.owa() == null ? ""
                        : String.format(Locale.ROOT, "; OWA %.3f against Naive2", panel.owa()),
                registration.promoted(), registration.modelId());
        if (skipped.isEmpty()) {
            return text;
        }
        return text + "; " + skipped.size() + " member(s) left out: " + String.join("; ",
                skipped.subList(0, Math.min(NAMED, skipped.size()))) + (skipped.size() > NAMED ? "; …" : "");
    }
}
