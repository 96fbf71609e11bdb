package dev.tsforge.model.internal.layers;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Views and products the step loops ({@link LstmStepLoop}, {@link GruStepLoop}, {@link SimpleRnnStepLoop}) share. */
final class TimeMajor {

    private TimeMajor() {
    }

    /** Gate blocks {@code [from, from + count)}, each {@code n} wide, of {@code [batch, gates × n]}. */
    static INDArray block(INDArray z, int from, int count, long n) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.interval(from * n, (from + count) * n));
    }

    /** Gate {@code gate} of {@code [steps, batch, gates × n]}. */
    static INDArray block3(INDArray gates, int gate, long n) {
        return gates.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(gate * n, (gate + 1) * n));
    }

    /** {@code c = a' b' + beta c}, where ' transposes when asked; {@code c} may be a contiguous row block. */
    static void matmul(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        Nd4j.exec(new Mmul(a, b, c, 1.0, beta, MMulTranspose.builder().transposeA(transposeA)
                .transposeB(transposeB).build()));
    }
}
