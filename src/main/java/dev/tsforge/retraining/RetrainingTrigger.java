package dev.tsforge.retraining;

/** What makes a retraining policy start a training. */
public enum RetrainingTrigger {
    /** At each tick of a cron expression (UTC). */
    SCHEDULE,
    /** Once the series has this many points more than when the policy last fired (or was set). */
    AFTER_POINTS,
    /** When the ledger flags the series' champion as drifting (the series' forecasts must be recorded). */
    ON_DRIFT
}
