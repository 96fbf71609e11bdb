package dev.tsforge.training.web;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * How to train. Every field is optional; a missing one takes the documented default. Bounds keep a request from
 * tying up the node (the limits issue makes them configurable).
 */
@Schema(description = "Training spec; omitted fields take their defaults")
record TrainingRequest(
        @Schema(description = "Recurrent cell", defaultValue = "LSTM")
        Architecture architecture,
        @Schema(description = "Units per recurrent layer, stacked in order", defaultValue = "[32]",
                example = "[32]")
        @Size(min = 1, max = 4) List<@NotNull @Min(1) @Max(512) Integer> hiddenSizes,
        @Schema(description = "Past values one prediction reads", defaultValue = "24", example = "24")
        @Min(1) @Max(1000) Integer lookback,
        @Schema(description = "Passes over the training windows", defaultValue = "50", example = "50")
        @Min(1) @Max(10_000) Integer epochs,
        @Schema(description = "Windows per gradient step", defaultValue = "32", example = "32")
        @Min(1) @Max(4096) Integer batchSize,
        @Schema(description = "Adam learning rate", defaultValue = "0.005", example = "0.005")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double learningRate,
        @Schema(description = "Random seed: the same seed, data and spec give the same model", defaultValue = "42")
        Long seed) {

    static final Architecture DEFAULT_ARCHITECTURE = Architecture.LSTM;
    static final List<Integer> DEFAULT_HIDDEN_SIZES = List.of(32);
    static final int DEFAULT_LOOKBACK = 24;
    static final int DEFAULT_EPOCHS = 50;
    static final int DEFAULT_BATCH_SIZE = 32;
    static final double DEFAULT_LEARNING_RATE = 0.005;
    static final long DEFAULT_SEED = 42;
    static final TrainingRequest DEFAULTS = new TrainingRequest(null, null, null, null, null, null, null);

    NetworkSpec toSpec() {
        return new NetworkSpec(
                architecture == null ? DEFAULT_ARCHITECTURE : architecture,
                hiddenSizes == null ? DEFAULT_HIDDEN_SIZES : hiddenSizes,
                lookback == null ? DEFAULT_LOOKBACK : lookback,
                epochs == null ? DEFAULT_EPOCHS : epochs,
                batchSize == null ? DEFAULT_BATCH_SIZE : batchSize,
                learningRate == null ? DEFAULT_LEARNING_RATE : learningRate,
                seed == null ? DEFAULT_SEED : seed);
    }
}
