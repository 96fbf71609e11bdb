package dev.tsforge.model.internal.network;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tracks the best epoch by validation loss (by training loss without validation) and stops after
 * {@code patience} epochs without improvement. The best epoch's parameters are copied aside, so training can end
 * on them instead of on the last, possibly over-fitted, epoch.
 */
final class EarlyStopping {

    private final int patience;
    private final boolean validated;
    private int bestEpoch;
    private double bestScore = Double.POSITIVE_INFINITY;
    private double bestTrainingLoss = Double.NaN;
    private Double bestValidationLoss;
    private INDArray bestParameters;

    EarlyStopping(int patience, boolean validated) {
        this.patience = patience;
        this.validated = validated;
    }

    /** Only a validation loss may pick the kept weights; a training loss always improves by over-fitting. */
    boolean keepsBest() {
        return validated;
    }

    boolean shouldStop(int epochsRun) {
        return validated && patience > 0 && bestEpoch > 0 && epochsRun - bestEpoch >= patience;
    }

    void record(int epoch, double trainingLoss, Double validationLoss, MultiLayerNetwork network) {
        double score = validated ? validationLoss : trainingLoss;
        if (!validated || score < bestScore) {
            bestScore = score;
            bestEpoch = epoch;
            bestTrainingLoss = trainingLoss;
            bestValidationLoss = validationLoss;
            if (validated) {
                bestParameters = network.params().dup();
            }
        }
    }

    void restoreBest(MultiLayerNetwork network) {
        if (bestParameters != null) {
            network.setParams(bestParameters);
        }
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestTrainingLoss() {
        return bestTrainingLoss;
    }

    Double bestValidationLoss() {
        return bestValidationLoss;
    }
}
