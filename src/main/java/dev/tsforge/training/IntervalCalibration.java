package dev.tsforge.training;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.RollingOrigins;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.TrainingOutcome;
import java.util.function.BooleanSupplier;

/** Conformal intervals for a freshly trained network, from forecasts of values its fit never learned from. */
public final class IntervalCalibration {

    /**
     * The origins calibrated on, at most, spread over all a long series has: enough errors for any level offered, and
     * a statistical model refits at each, so a long series must not make every training pay for thousands.
     */
    public static final int MAX_ORIGINS = 200;

    private IntervalCalibration() {
    }

    /**
     * Forecasts from the origins of {@code run} from the first validation window's target on (the fit never saw
     * those values; at most {@link #MAX_ORIGINS} of them, spread over the range) and calibrates on the errors.
     *
     * @param run           values the origins and their actual values come from
     * @param trainedLength how many values of {@code run} (from its start) were given to the fit
     */
    public static ConformalCalibration of(double[] run, int trainedLength, ModelSpec spec, TrainingOutcome outcome) {
        return of(run, trainedLength, spec, outcome, () -> false);
    }

    /** As {@link #of(double[], int, ModelSpec, TrainingOutcome)}, newest origin first, until {@code outOfTime}. */
    public static ConformalCalibration of(double[] run, int trainedLength, ModelSpec spec, TrainingOutcome outcome,
            BooleanSupplier outOfTime) {
        return of(run, trainedLength, spec, outcome, outOfTime, History.of(run));
    }

    /**
     * As above, with {@code timedRun} the run with its timestamps, so that a model with calendar covariates has the
     * time of every origin.
     */
    public static ConformalCalibration of(double[] run, int trainedLength, ModelSpec spec, TrainingOutcome outcome,
            BooleanSupplier outOfTime, History timedRun) {
        // a network needs a full window; Theta forecasts from any history, but one far shorter than it reads in
        // service would make its errors, and so the intervals, too large
        int earliest = Math.max(outcome.predictor().minimumHistory(), Math.min(spec.lookback(), trainedLength / 2));
        int firstOrigin = Math.max(earliest, trainedLength - spec.outputSteps() - outcome.validationWindows() + 1);
        // errors in units of the scale of what the model reads, as a forecast's input will be measured
        return RollingOrigins.calibrate(run, firstOrigin, spec.horizon(),
                (history, steps) -> outcome.predictor().forecast(timedRun.upTo(history.length), steps), outOfTime,
                Math.max(2, spec.lookback()), MAX_ORIGINS);
    }
}
