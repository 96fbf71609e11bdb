package dev.tsforge.training;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.RollingOrigins;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.TrainingOutcome;

/** Conformal intervals for a freshly trained network, from forecasts of values its fit never learned from. */
final class IntervalCalibration {

    private IntervalCalibration() {
    }

    /**
     * Forecasts from every origin of {@code run} from the first validation window's target on (the fit never saw
     * those values) and calibrates on the errors.
     *
     * @param run           values the origins and their actual values come from
     * @param trainedLength how many values of {@code run} (from its start) were given to the fit
     */
    static ConformalCalibration of(double[] run, int trainedLength, NetworkSpec spec, TrainingOutcome outcome) {
        int firstOrigin = Math.max(spec.lookback(),
                trainedLength - spec.outputSteps() - outcome.validationWindows() + 1);
        return RollingOrigins.calibrate(run, firstOrigin, spec.horizon(), outcome.predictor()::forecast);
    }
}
