package dev.tsforge.ledger;

import java.time.Instant;

/** Published by the ledger for listeners that act after the commit (webhooks; later, retraining policies). */
public final class LedgerEvents {

    private LedgerEvents() {
    }

    /**
     * A series' live error under a model rose from the reference error it was registered with: both the window's
     * ratio and the CUSUM crossed their thresholds. Published once when the flag is raised, not at every scoring.
     */
    public record DriftFlagged(long seriesId, long modelId, Drift evidence, Instant flaggedAt) {
    }
}
