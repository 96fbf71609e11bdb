package dev.tsforge.model.internal.inference;

/**
 * The arithmetic of {@link JavaLayers}: matrix-vector products and activations over float arrays, written as loops
 * that C2 (Java 17) turns into vector instructions; each shape here was measured (bench/RESULTS.md, "Why serving
 * costs what it does").
 */
final class VectorMath {

    private VectorMath() {
    }

    /**
     * {@code out += x[offset, offset + rows) · matrix}. Four rows a pass, so that {@code out} is loaded and stored a
     * quarter as often. Rows are separate arrays, all indexed from 0, because the JIT (C2, Java 17) vectorises these
     * loops only then, not with offsets into one flat array.
     */
    static void addProduct(float[] out, float[] x, int offset, float[][] matrix) {
        int columns = out.length;
        int rows = matrix.length;
        int row = 0;
        for (; row + 4 <= rows; row += 4) {
            float x0 = x[offset + row];
            float x1 = x[offset + row + 1];
            float x2 = x[offset + row + 2];
            float x3 = x[offset + row + 3];
            float[] m0 = matrix[row];
            float[] m1 = matrix[row + 1];
            float[] m2 = matrix[row + 2];
            float[] m3 = matrix[row + 3];
            for (int j = 0; j < columns; j++) {
                out[j] += x0 * m0[j] + x1 * m1[j] + x2 * m2[j] + x3 * m3[j];
            }
        }
        for (; row < rows; row++) {
            float x0 = x[offset + row];
            float[] m0 = matrix[row];
            for (int j = 0; j < columns; j++) {
                out[j] += x0 * m0[j];
            }
        }
    }

    /** Windows of a block whose outputs stay in the first-level cache while a group of weight rows is reused. */
    static final int TILE = 8;

    /**
     * {@link #addProduct} for a block of windows: {@code out[b] += x[b][offset, offset + rows) · matrix} for each
     * {@code b}. Each group of four weight rows is read once per {@link #TILE} windows instead of once per window;
     * each window's arithmetic is {@link #addProduct}'s, in the same order, so the results are the same bits.
     */
    static void addProductBlock(float[][] out, float[][] x, int offset, float[][] matrix) {
        int rows = matrix.length;
        for (int from = 0; from < out.length; from += TILE) {
            int to = Math.min(out.length, from + TILE);
            int row = 0;
            for (; row + 4 <= rows; row += 4) {
                float[] m0 = matrix[row];
                float[] m1 = matrix[row + 1];
                float[] m2 = matrix[row + 2];
                float[] m3 = matrix[row + 3];
                for (int b = from; b < to; b++) {
                    float[] o = out[b];
                    float[] xb = x[b];
                    float x0 = xb[offset + row];
                    float x1 = xb[offset + row + 1];
                    float x2 = xb[offset + row + 2];
                    float x3 = xb[offset + row + 3];
                    for (int j = 0; j < o.length; j++) {
                        o[j] += x0 * m0[j] + x1 * m1[j] + x2 * m2[j] + x3 * m3[j];
                    }
                }
            }
            for (; row < rows; row++) {
                float[] m0 = matrix[row];
                for (int b = from; b < to; b++) {
                    float[] o = out[b];
                    float x0 = x[b][offset + row];
                    for (int j = 0; j < o.length; j++) {
                        o[j] += x0 * m0[j];
                    }
                }
            }
        }
    }

    /** {@link #project} for a block of windows. */
    static void projectBlock(float[][] out, float[] bias, float[][] input, int step, float[][] inputWeights) {
        for (float[] o : out) {
            System.arraycopy(bias, 0, o, 0, o.length);
        }
        addProductBlock(out, input, step * inputWeights.length, inputWeights);
    }

    /** {@code out = bias + input[step] · inputWeights}. */
    static void project(float[] out, float[] bias, float[] input, int step, float[][] inputWeights) {
        System.arraycopy(bias, 0, out, 0, out.length);
        addProduct(out, input, step * inputWeights.length, inputWeights);
    }

    /** Beyond this, tanh is 1 in float. */
    static final float TANH_LIMIT = 7.90531110763549805f;

    /**
     * {@code tanh} of {@code a[from, to)} in place: a rational approximation (Eigen's float {@code tanh}, within
     * 4e-7 of the true value), because it needs no exponential and so the JIT vectorises the loop. {@code Math.tanh}
     * is not an intrinsic; with {@code Math.exp} the activations were a third of an LSTM(64) step.
     */
    static void tanh(float[] a, int from, int to) {
        for (int j = from; j < to; j++) {
            a[j] = tanh(a[j]);
        }
    }

    static float tanh(float value) {
        float x = Math.max(-TANH_LIMIT, Math.min(TANH_LIMIT, value));
        float x2 = x * x;
        float p = x * (4.89352455891786e-03f + x2 * (6.37261928875436e-04f + x2 * (1.48572235717979e-05f
                + x2 * (5.12229709037114e-08f + x2 * (-8.60467152213735e-11f + x2 * (2.00018790482477e-13f
                + x2 * -2.76076847742355e-16f))))));
        float q = 4.89352518554385e-03f + x2 * (2.26843463243900e-03f + x2 * (1.18534705686654e-04f
                + x2 * 1.19825839466702e-06f));
        return p / q;
    }

    /** The logistic function of {@code a[from, to)} in place: {@code σ(x) = (1 + tanh(x / 2)) / 2}. */
    static void sigmoid(float[] a, int from, int to) {
        for (int j = from; j < to; j++) {
            a[j] = 0.5f + 0.5f * tanh(0.5f * a[j]);
        }
    }

    /**
     * {@code a[j] = shift[j] + scale[j] tanh(scale[j] a[j])} in place: with ½ and ½ the sigmoid as {@link #sigmoid}
     * computes it, with 1 and 0 {@link #tanh}, to the same values (a tanh of −0 comes out +0).
     */
    static void scaledTanh(float[] a, float[] scale, float[] shift) {
        for (int j = 0; j < a.length; j++) {
            float s = scale[j];
            a[j] = shift[j] + s * tanh(s * a[j]);
        }
    }

    static void activate(float[] a, int from, int to, boolean relu) {
        if (relu) {
            for (int j = from; j < to; j++) {
                a[j] = Math.max(a[j], 0f);
            }
        } else {
            tanh(a, from, to);
        }
    }
}
