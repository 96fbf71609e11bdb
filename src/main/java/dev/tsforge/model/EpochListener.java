package dev.tsforge.model;

/** Told after every epoch; throwing from it stops the training. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch          the epoch just finished, from 1
     * @param trainingLoss   mean training loss over the epoch's minibatches (on normalised values, with L2)
     * @param validationLoss loss on the validation windows, or null without validation
     */
    void epochFinished(int epoch, double trainingLoss, Double validationLoss);
}
