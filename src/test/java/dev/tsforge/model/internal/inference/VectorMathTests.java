package dev.tsforge.model.internal.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMathTests {

    @Test
    void scaledTanhComputesTheSigmoidAndTanhToTheSameValues() {
        int n = 37;
        Random random = new Random(11);
        float[] scale = new float[4 * n];
        float[] shift = new float[4 * n];
        Arrays.fill(scale, 0.5f);
        Arrays.fill(shift, 0.5f);
        Arrays.fill(scale, 2 * n, 3 * n, 1f);
        Arrays.fill(shift, 2 * n, 3 * n, 0f);
        for (int round = 0; round < 200; round++) {
            float[] fused = new float[4 * n];
            for (int j = 0; j < fused.length; j++) {
                // beyond the limits too, and exact zeros
                fused[j] = round == 0 ? (j % 3 - 1) * 0f : (float) (random.nextGaussian() * (1 + round % 12));
            }
            float[] apart = fused.clone();
            VectorMath.sigmoid(apart, 0, 2 * n);
            VectorMath.tanh(apart, 2 * n, 3 * n);
            VectorMath.sigmoid(apart, 3 * n, 4 * n);
            VectorMath.scaledTanh(fused, scale, shift);
            for (int j = 0; j < fused.length; j++) {
                // equal as values: 0 + tanh(-0) is +0 where tanh gives -0
                assertThat(fused[j]).as("gate value %d of round %d", j, round).isEqualTo(apart[j]);
            }
        }
        assertThat(VectorMath.tanh(20f)).isEqualTo(1f);
    }
}
