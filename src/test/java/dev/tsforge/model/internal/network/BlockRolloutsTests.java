package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.TestSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch of histories, rolled out in blocks (each weight matrix multiplied by a block of windows per step), gets
 * the same forecasts as each history alone: every value, for each cell, roll-out and strategy. Two stacked layers of
 * 13 and 6 units: a first layer that passes on every step, and widths that are not multiples of the four weight rows
 * a pass reads; 37 histories: blocks of 16 and one of 5.
 */
class BlockRolloutsTests {

    private static final int HISTORIES = 37;
    private static final int HORIZON = 17;

    static Stream<Arguments> models() {
        List<Arguments> models = new ArrayList<>();
        for (Architecture cell : Architecture.values()) {
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.SLIDING, Normalization.STANDARDIZE));
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.STATEFUL, Normalization.STANDARDIZE));
            models.add(Arguments.of(cell, OutputStrategy.DIRECT, Rollout.SLIDING, Normalization.STANDARDIZE));
            models.add(Arguments.of(cell, OutputStrategy.RECURSIVE, Rollout.SLIDING, Normalization.LAST_VALUE));
        }
        return models.stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void aBatchForecastsWhatEachHistoryForecastsAlone(Architecture cell, OutputStrategy strategy, Rollout rollout,
            Normalization normalization) {
        Random random = new Random(3);
        double[] series = new double[200];
        for (int t = 0; t < series.length; t++) {
            series[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
        }
        NetworkSpec spec = TestSpecs.withStrategy(TestSpecs.withHidden(TestSpecs.withEpochs(TestSpecs.small(cell), 1),
                List.of(13, 6), false), strategy, 5).withNormalization(normalization).withRollout(rollout);
        Dl4jPredictor predictor = (Dl4jPredictor) new Dl4jTrainer().fit(List.of(series), spec, (e, l, v) -> { })
                .predictor();
        assertThat(predictor.runsInJava()).isTrue();

        List<History> histories = new ArrayList<>();
        for (int i = 0; i < HISTORIES; i++) {
            histories.add(History.of(java.util.Arrays.copyOfRange(series, i, 40 + 3 * i)));
        }
        double[][] batch = predictor.forecastAll(histories, HORIZON);
        for (int i = 0; i < HISTORIES; i++) {
            double[] alone = predictor.forecast(histories.get(i), HORIZON);
            assertThat(java.util.Arrays.stream(alone).allMatch(Double::isFinite)).isTrue();
            assertThat(batch[i]).as("history %d", i).containsExactly(alone);
        }
    }
}
