package dev.tsforge.ledger;

import java.util.List;

/**
 * Accuracy of forecasts on the steps whose actuals arrived.
 *
 * @param steps    scored steps
 * @param mase     MAE in units of the MASE scale each model was registered with (its training data's in-sample
 *                 seasonal naive error); null when no model of these steps has one
 * @param smape    as the M4 competition defines it, in percent
 * @param coverage per interval level, the share of steps whose actual fell inside (null for seasonal naive)
 */
public record Scores(int steps, Double mae, Double mase, Double smape, List<Coverage> coverage) {

    /** @param steps steps that had an interval at this level */
    public record Coverage(double level, int steps, double coverage) {
    }
}
