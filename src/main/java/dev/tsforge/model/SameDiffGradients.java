package dev.tsforge.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/** Workarounds for how DL4J 1.0.0-M2.1 runs a {@code SameDiffLayer}'s backward pass. */
final class SameDiffGradients {

    private SameDiffGradients() {
    }

    /**
     * The same values, with half the gradient flowing back. DL4J's {@code SameDiffLayer} hands every SameDiff layer
     * exactly twice the true gradient (seen with finite differences on the GRU and fused LSTM layers and on a plain
     * dense one); Adam would hide it, but SGD, clipping and L2 would not. {@code 0.5 f + 0.5 stop(f)} equals
     * {@code f} and carries half its gradient, which the doubling restores.
     */
    static SDVariable halfGradient(SameDiff sd, SDVariable output) {
        SDVariable frozen = new StopGradient(sd, output).outputVariable();
        return output.mul(0.5).add(frozen.mul(0.5));
    }
}
