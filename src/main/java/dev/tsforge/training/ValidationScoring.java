package dev.tsforge.training;

import dev.tsforge.evaluation.PlausibleRange;
import dev.tsforge.evaluation.ValidationOrigins;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.statistics.Gaps;
import java.util.Arrays;
import java.util.Locale;

/** The validation origins of the most recent run and how forecasts from them are scored and checked. */
record ValidationScoring(double[] run, ValidationOrigins origins, int seasonalPeriod, boolean nonNegative) {

    boolean seasonal() {
        return seasonalPeriod > 1 && seasonalPeriod < origins.fitLength();
    }

    int period(double[] values) {
        return seasonalPeriod < values.length ? seasonalPeriod : 1;
    }

    double[] beforeFirstOrigin(int lookback) {
        int first = origins.fitLength();
        return Gaps.lastFilled(run, first, lookback);
    }

    Candidate score(ModelSpec spec, Predictor predictor, Candidate baseline, long nanos) {
        double[][] forecasts = new double[origins.count()][];
        for (int o = 0; o < forecasts.length; o++) {
            int origin = origins.origin(o);
            if (origin < predictor.minimumHistory()) {
                return new Candidate(spec, forecasts, Double.POSITIVE_INFINITY, "too few values before origin "
                        + (o + 1), nanos / 1_000_000);
            }
            try {
                forecasts[o] = predictor.forecast(History.of(Arrays.copyOf(run, origin)), origins.horizon());
            } catch (IllegalArgumentException unfit) {
                return new Candidate(spec, forecasts, Double.POSITIVE_INFINITY, "could not forecast from origin "
                        + (o + 1) + ": " + unfit.getMessage(), nanos / 1_000_000);
            }
        }
        return score(spec, forecasts, baseline, nanos);
    }

    Candidate score(ModelSpec spec, double[][] forecasts, Candidate baseline, long nanos) {
        double mase = origins.mase(run, forecasts, seasonalPeriod);
        String disqualified = null;
        for (int o = 0; o < forecasts.length && disqualified == null; o++) {
            PlausibleRange range = PlausibleRange.of(Arrays.copyOf(run, origins.origin(o)), nonNegative);
            String outside = range.violation(forecasts[o]);
            if (outside != null) {
                disqualified = "diverged from origin " + (o + 1) + ": " + outside;
            }
        }
        if (disqualified == null && baseline != null && !(mase < baseline.mase())) {
            disqualified = String.format(Locale.ROOT, "no better than %s (MASE %.3f)",
                    baseline.spec().architectureName(), baseline.mase());
        }
        return new Candidate(spec, forecasts, Double.isNaN(mase) ? Double.POSITIVE_INFINITY : mase, disqualified,
                nanos / 1_000_000);
    }
}
