package dev.tsforge.training;

/**
 * What a queued job does: train and register a model, backtest a spec by refitting it at every fold, or backtest a
 * collection's global network against local models of every member (the stored kind is at most 16 characters).
 */
public enum JobKind {
    TRAINING,
    BACKTEST,
    PANEL_BACKTEST
}
