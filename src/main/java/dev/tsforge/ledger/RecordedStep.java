package dev.tsforge.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One recorded forecast step with what happened.
 *
 * @param baseline what seasonal naive forecast for the same step from the same origin, or null
 * @param actual   the value that arrived, or null while it has not
 */
public record RecordedStep(long forecastId, long seriesId, long modelId, int step, Instant target, double point,
        List<Bound> intervals, Double baseline, Double actual) {

    RecordedStep withActual(double value) {
        return new RecordedStep(forecastId, seriesId, modelId, step, target, point, intervals, baseline, value);
    }
}
