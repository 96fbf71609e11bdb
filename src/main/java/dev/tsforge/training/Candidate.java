package dev.tsforge.training;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StatisticalSpec;
import java.util.Locale;

/**
 * One tried spec: its forecasts from every validation origin, its mean MASE over them, and why it may not be
 * served, if it may not.
 */
record Candidate(ModelSpec spec, double[][] forecasts, double mase, String disqualified, long millis) {

    boolean qualified() {
        return disqualified == null;
    }

    boolean statistical() {
        return spec instanceof StatisticalSpec;
    }

    String describe() {
        String model = spec.match(
                network -> String.format(Locale.ROOT, "%s %s lookback %d", network.architecture(),
                        network.hiddenSizes(), network.lookback()),
                StatisticalSpec::architectureName);
        return model + ": MASE " + String.format(Locale.ROOT, "%.3f", mase)
                + (disqualified == null ? "" : " (" + disqualified + ")");
    }
}
