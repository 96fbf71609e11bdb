package dev.tsforge.anomalies;

import java.util.List;

/** Events of anomaly detection, for the webhooks. */
public final class AnomalyEvents {

    private AnomalyEvents() {
    }

    /** One ingest batch of a series held these anomalies (published inside the transaction that stored them). */
    public record Found(long seriesId, List<Anomaly> anomalies) {
    }
}
