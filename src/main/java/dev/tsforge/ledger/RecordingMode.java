package dev.tsforge.ledger;

/** Which forecasts of a series' champion the ledger keeps. */
public enum RecordingMode {
    OFF,
    /** Every champion forecast served (asked by series id). */
    EVERY,
    /** One forecast a day at a fixed time (UTC), made by the service itself. */
    SCHEDULED
}
