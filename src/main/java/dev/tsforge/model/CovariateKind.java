package dev.tsforge.model;

/**
 * When a stored covariate series' values are known, declared when it is created: what decides where a network may
 * read it and which roll-outs may use it.
 */
public enum CovariateKind {

    /** Known ahead of the target (planned prices, a calendar of events, a weather forecast): given for the horizon. */
    KNOWN_FUTURE,

    /**
     * Observed with the target (measured temperature, sales of a neighbour): known up to the forecast origin only, so
     * a network reads it at each input step's own time and only a DIRECT network (one pass from the origin) uses it.
     */
    PAST_ONLY
}
