package dev.tsforge.ledger;

import java.time.Instant;
import java.util.List;

/** A recorded forecast: the model, its origin (last input timestamp), why it was recorded, and its steps. */
public record RecordedForecast(long id, long seriesId, long modelId, Instant origin, int horizon,
        RecordingMode trigger, Instant recordedAt, List<RecordedStep> steps) {
}
