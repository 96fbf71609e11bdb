package dev.tsforge.backtest;

import java.util.List;

/** The ways a panel backtest forecasts each member at each origin. */
public enum PanelMethod {
    /** One network fitted on every member's history before the origin. */
    GLOBAL,
    /** The same network spec fitted on the member's own history alone. */
    LOCAL,
    /** The last value, repeated. */
    NAIVE,
    /** The value one season before each step. */
    SEASONAL_NAIVE,
    /** Exponential smoothing, its form chosen by AICc on the member's history before the origin. */
    ETS,
    /** The Theta method, M4's statistical benchmark. */
    THETA,
    /**
     * The service's AUTO on the member's history alone: statistical candidates, their combinations and small
     * networks, chosen on rolling validation origins within a budget, as an AUTO training would serve it.
     */
    AUTO,
    /** M4's Naive2, the yardstick of OWA: always scored. */
    NAIVE2;

    /** The references a request may ask for beside the networks and Naive2. */
    public static final List<PanelMethod> REFERENCES = List.of(NAIVE, SEASONAL_NAIVE, ETS, THETA, AUTO);
    /** The references scored when a request names none: cheap, and the ones a network has to beat in M4. */
    public static final List<PanelMethod> DEFAULT_REFERENCES = List.of(SEASONAL_NAIVE, ETS, THETA);
}
