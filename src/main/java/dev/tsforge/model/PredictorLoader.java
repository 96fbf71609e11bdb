package dev.tsforge.model;

import java.nio.file.Path;

/** Loads an artifact written by {@link NetworkTrainer}. */
public interface PredictorLoader {

    Predictor load(Path artifact);
}
