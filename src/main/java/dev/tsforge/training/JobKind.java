package dev.tsforge.training;

/** What a queued job does: train and register a model, or backtest a spec by refitting it at every fold. */
public enum JobKind {
    TRAINING,
    BACKTEST
}
