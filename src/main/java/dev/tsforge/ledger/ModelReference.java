package dev.tsforge.ledger;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.registry.ModelVersion;

/**
 * What a model was registered with that live errors are compared to.
 *
 * @param stepErrors per horizon step (from 1), the mean absolute error at its validation origins; empty when it has
 *                   no calibration
 * @param holdoutMae its holdout MAE, or null
 * @param maseScale  the MASE denominator its registration used (its holdout MAE over its holdout MASE), or null
 */
record ModelReference(long modelId, double[] stepErrors, Double holdoutMae, Double maseScale) {

    static final ModelReference UNKNOWN = new ModelReference(0, new double[0], null, null);

    static ModelReference of(ModelVersion model) {
        ConformalCalibration calibration = model.calibration();
        double[] steps = new double[calibration == null ? 0 : calibration.horizon()];
        for (int k = 0; k < steps.length; k++) {
            double[] errors = calibration.errors().get(k);
            steps[k] = errors.length == 0 ? Double.NaN : java.util.Arrays.stream(errors).average().orElseThrow();
        }
        Accuracy holdout = model.evaluation() == null ? null : model.evaluation().model();
        Double mae = holdout == null ? null : holdout.mae();
        Double scale = holdout == null || holdout.mase() == null || holdout.mase() <= 0 ? null
                : holdout.mae() / holdout.mase();
        return new ModelReference(model.id(), steps, mae, scale);
    }

    /** The reference error of a step (from 1), or NaN when the model has none usable. */
    double error(int step) {
        double error = step <= stepErrors.length ? stepErrors[step - 1] : Double.NaN;
        if (Double.isNaN(error) && holdoutMae != null) {
            error = holdoutMae;
        }
        return error > 0 ? error : Double.NaN;
    }
}
