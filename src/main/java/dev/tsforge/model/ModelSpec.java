package dev.tsforge.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.GapPolicy;
import java.util.function.Function;

/**
 * What to fit: one record per kind of model, each reading the series through the same {@link WindowSpec}. Code that
 * treats the kinds differently goes through {@link #match}, so a new kind (a statistical or a global model) adds a
 * parameter there and the compiler names every place that must learn about it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = NetworkSpec.class, name = StoredSpecs.NETWORK),
        @JsonSubTypes.Type(value = StatisticalSpec.class, name = StoredSpecs.STATISTICAL)})
public sealed interface ModelSpec permits NetworkSpec, StatisticalSpec {

    /** Fewer training windows than this cannot fit anything meaningful. */
    int MIN_WINDOWS = 8;

    WindowSpec window();

    /** The one of {@code network} and {@code statistical} that fits this kind, applied to this spec. */
    <T> T match(Function<NetworkSpec, T> network, Function<StatisticalSpec, T> statistical);

    /** Passes over the training windows a fit makes at most; 0 for a model fitted in closed form. */
    int epochs();

    /**
     * The model's name where a spec is shown to people: the recurrent cell of a network, the method of a statistical
     * model ({@code THETA}, {@code ETS(MAdM)}, {@code COMBINATION(...)}).
     */
    String architectureName();

    default int lookback() {
        return window().lookback();
    }

    default int horizon() {
        return window().horizon();
    }

    default OutputStrategy strategy() {
        return window().strategy();
    }

    default GapPolicy gapPolicy() {
        return window().gapPolicy();
    }

    default long seed() {
        return window().seed();
    }

    /** Values the model emits per window. */
    default int outputSteps() {
        return window().outputSteps();
    }

    /**
     * The most values a forecast reads, which the forecast path loads: the lookback, more for a statistical model
     * whose ARIMA reads the whole run.
     */
    default int inputLength() {
        return lookback();
    }

    /** Values a forecast's input needs at least: a network reads exactly its lookback. */
    default int minimumInput() {
        return lookback();
    }

    /** Points a series needs: the holdout, plus enough for {@link #MIN_WINDOWS} windows. */
    default int minimumPoints() {
        return window().minimumPoints();
    }
}
