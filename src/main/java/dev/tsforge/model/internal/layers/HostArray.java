package dev.tsforge.model.internal.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array that a step loop made (contiguous, row-major, on the CPU backend), read and written from Java in place:
 * its native memory seen through an NIO buffer. The step loops do their element-wise arithmetic here, one pass per
 * step over every gate, where ND4J would take one op per product or sum: at these sizes an op costs more in
 * overhead (its descriptor, its arrays' shape checks, the call into native code) than in arithmetic. Values are
 * computed in double and stored in the array's type. Made once per shape, with the arrays it reads.
 */
abstract sealed class HostArray {

    /** Element {@code i} in row-major order. */
    abstract double get(int i);

    abstract void set(int i, double value);

    /** @param array a float or double array that owns its whole buffer in row-major order (not a view) */
    static HostArray of(INDArray array) {
        if (array.isView() || array.ordering() != 'c' || array.offset() != 0) {
            throw new IllegalArgumentException("Not a whole row-major array: " + array.shapeInfoToString());
        }
        if (array.dataType() == DataType.FLOAT) {
            return new Floats(array.data().asNioFloat());
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new Doubles(array.data().asNioDouble());
        }
        throw new IllegalArgumentException("Step loops run in float or double, not " + array.dataType());
    }

    private static final class Floats extends HostArray {

        private final FloatBuffer values;

        Floats(FloatBuffer values) {
            this.values = values;
        }

        @Override
        double get(int i) {
            return values.get(i);
        }

        @Override
        void set(int i, double value) {
            values.put(i, (float) value);
        }
    }

    private static final class Doubles extends HostArray {

        private final DoubleBuffer values;

        Doubles(DoubleBuffer values) {
            this.values = values;
        }

        @Override
        double get(int i) {
            return values.get(i);
        }

        @Override
        void set(int i, double value) {
            values.put(i, value);
        }
    }
}
