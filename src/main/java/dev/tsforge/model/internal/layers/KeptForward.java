package dev.tsforge.model.internal.layers;

import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward states of a training step, kept for the backward pass of the same step so that it need not recompute
 * them. They are computed into the layer's {@link TrainingBuffers}, or else DL4J's activations workspace, which DL4J
 * keeps open until that backward pass and resets after it; they are used only if they were computed for the very same
 * input and, if in a workspace, it has not been closed or reset since (else its memory is reused).
 *
 * @param <S> what the forward pass leaves for the backward pass
 */
final class KeptForward<S> {

    private final Function<S, INDArray> anyArray;
    private S kept;
    private INDArray keptFor;
    private MemoryWorkspace keptIn;
    private long keptGeneration;

    /** @param anyArray an array of the states, to tell which workspace holds them */
    KeptForward(Function<S, INDArray> anyArray) {
        this.anyArray = anyArray;
    }

    /** Runs {@code forward} for a training step over {@code input}, and keeps what it returns. */
    S compute(Supplier<S> forward, INDArray input, LayerWorkspaceMgr workspaceMgr) {
        forget();
        if (!workspaceMgr.isWorkspaceOpen(ArrayType.ACTIVATIONS)) {
            return forward.get();
        }
        S states;
        try (MemoryWorkspace activations = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            states = forward.get();
        }
        kept = states;
        keptFor = input;
        INDArray array = anyArray.apply(states);
        keptIn = array.isAttached() ? array.data().getParentWorkspace() : null;
        keptGeneration = keptIn == null ? 0 : keptIn.getGenerationId();
        return states;
    }

    /** The kept states for {@code input} if still valid, else {@code forward} run again; forgets them either way. */
    S take(INDArray input, Supplier<S> forward) {
        boolean valid = kept != null && keptFor == input
                && (keptIn == null || (keptIn.isScopeActive() && keptIn.getGenerationId() == keptGeneration));
        S states = valid ? kept : forward.get();
        forget();
        return states;
    }

    void forget() {
        kept = null;
        keptFor = null;
        keptIn = null;
    }
}
