package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights and loss a seeded fit ends at, pinned: changes meant to make training faster must leave them as they
 * were (within float rounding). The expected values were recorded before the training kernels were rewritten in plain
 * Java (bench/RESULTS.md, "Training against PyTorch: what was checked"). The fit is the benchmark's (one layer of 16,
 * batch 32, Adam) plus a second layer, an epoch's short last minibatch and tanh and ReLU cells.
 */
class TrainedWeightsTests {

    @ParameterizedTest
    @CsvSource({
            "LSTM, TANH, NONE, 0.186676859, 16.4216950, 159.034690, -303.965847",
            "LSTM, RELU, VALUE, 0.188540768, 46.5516650, 161.915425, -91.9071519",
            "GRU, TANH, NONE, 0.205942996, 5.76213379, 118.957211, 425.820239",
            "GRU, TANH, NORM, 0.201817758, 5.89422380, 118.064734, 401.484437",
            "SIMPLE_RNN, TANH, NONE, 0.178238037, 0.942659695, 41.1805764, -34.8373051",
            "SIMPLE_RNN, RELU, VALUE, 0.221208474, 1.86164743, 41.4737710, -194.178793",
    })
    void aSeededFitEndsAtTheWeightsItEndedAtBefore(Architecture architecture, CellActivation activation,
            GradientClipping clipping, double loss, double sum, double squares, double weighted) {
        Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(List.of(series()), spec(architecture, activation,
                clipping), (epoch, trainingLoss, validationLoss) -> { });
        INDArray params = fitted.network().params();
        double[] p = params.toDoubleVector();
        double s = 0;
        double q = 0;
        double w = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i];
            q += p[i] * p[i];
            w += p[i] * ((i % 97) - 48);
        }
        assertThat(fitted.trainingLoss()).isCloseTo(loss, within(1e-6 * Math.abs(loss) + 1e-7));
        assertThat(s).isCloseTo(sum, within(1e-4 * (Math.sqrt(q) + 1)));
        assertThat(q).isCloseTo(squares, within(1e-5 * q));
        assertThat(w).isCloseTo(weighted, within(1e-4 * (Math.sqrt(q) * 48 + 1)));
    }

    private static NetworkSpec spec(Architecture architecture, CellActivation activation, GradientClipping clipping) {
        return new NetworkSpec(architecture, List.of(16, 8), false, activation, WeightInitScheme.XAVIER, Optimizer.ADAM,
                1e-2, 32, 3, 0, 0, clipping, 0.5, Normalization.STANDARDIZE, 0, 0,
                new WindowSpec(12, 1, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 1));
    }

    /** 300 windows: nine minibatches of 32 and a last one of 12 per epoch. */
    private static double[] series() {
        Random noise = new Random(7);
        double[] values = new double[300 + 12];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(2 * Math.PI * i / 25) + 0.3 * noise.nextGaussian();
        }
        return values;
    }
}
