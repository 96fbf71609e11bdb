package dev.tsforge.model.internal.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of a step loop's training passes, and their per-step views, kept from one minibatch to the next. A view
 * costs ND4J about as much as a small op (a native shape descriptor and a buffer registered for deallocation), and a
 * step loop takes several a step: made once per shape, they cost nothing per minibatch. Two shapes are kept, for the
 * full minibatches and the last, shorter one of an epoch. The arrays live outside DL4J's workspaces, so they outlast
 * each minibatch; what leaves the layer is copied into the workspace DL4J expects. Not thread-safe, as DL4J's layers
 * are not.
 *
 * @param <B> the loop's set of arrays for one shape
 */
public final class TrainingBuffers<B extends TrainingBuffers.Owned> {

    /** A set of arrays made for one shape; closing frees their native memory now rather than at garbage collection. */
    abstract static class Owned {

        private final List<INDArray> owned = new ArrayList<>();

        /** Registers an array this set made (not a view), to be closed with it. */
        final INDArray own(INDArray array) {
            owned.add(array);
            return array;
        }

        final void close() {
            owned.stream().filter(array -> !array.wasClosed()).forEach(INDArray::close);
            owned.clear();
        }
    }

    /** A layer that keeps {@link TrainingBuffers}. */
    interface Holder {

        TrainingBuffers<?> trainingBuffers();
    }

    private long[] recentShape;
    private B recent;
    private long[] olderShape;
    private B older;

    /** The buffers for {@code shape} (batch, steps and whatever else fixes their sizes), made by {@code create}. */
    B forShape(Supplier<B> create, long... shape) {
        if (Arrays.equals(shape, recentShape)) {
            return recent;
        }
        if (Arrays.equals(shape, olderShape)) {
            swap();
            return recent;
        }
        B created;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            created = create.get();
        }
        if (older != null) {
            older.close();                        // a third shape: the one used longest ago goes, and its memory now
        }
        olderShape = recentShape;
        older = recent;
        recentShape = shape.clone();
        recent = created;
        return created;
    }

    /**
     * The arrays for a pass over {@code input}: in training those kept for its shape, else new ones, made in the
     * current workspace and released with it.
     */
    B forPass(boolean training, INDArray input, Supplier<B> create) {
        return training ? forShape(create, input.shape()) : create.get();
    }

    /** Frees the kept arrays; the next training pass makes new ones. */
    void release() {
        if (recent != null) {
            recent.close();
        }
        if (older != null) {
            older.close();
        }
        recent = null;
        older = null;
        recentShape = null;
        olderShape = null;
    }

    /**
     * Frees the arrays every layer of {@code network} kept for training: they are native memory that the garbage
     * collector, which sees only the small Java objects around it, would free late.
     */
    public static void releaseAll(MultiLayerNetwork network) {
        for (Layer layer : network.getLayers()) {
            Layer inner = layer instanceof BaseWrapperLayer wrapper ? wrapper.getUnderlying() : layer;
            if (inner instanceof Holder holder) {
                holder.trainingBuffers().release();
            }
        }
    }

    private void swap() {
        long[] shape = recentShape;
        B buffers = recent;
        recentShape = olderShape;
        recent = older;
        olderShape = shape;
        older = buffers;
    }

    /** Step {@code t} of a time-major array {@code [steps, …]}, for every {@code t}. */
    static INDArray[] slices(INDArray timeMajor) {
        INDArray[] slices = new INDArray[(int) timeMajor.size(0)];
        for (int t = 0; t < slices.length; t++) {
            slices[t] = timeMajor.slice(t);
        }
        return slices;
    }
}
