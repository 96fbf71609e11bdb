package dev.tsforge.model;

/**
 * Told after every epoch; throwing from it stops the training (nothing is kept), asking it to stop through
 * {@link #stopRequested} ends it as if it had run its epochs (its best epoch is kept).
 */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch          the epoch just finished, from 1
     * @param trainingLoss   mean training loss over the epoch's minibatches (on normalised values, with L2)
     * @param validationLoss loss on the validation windows, or null without validation
     */
    void epochFinished(int epoch, double trainingLoss, Double validationLoss);

    /** Asked before every epoch: true ends the training there, with the weights it has (a time budget ran out). */
    default boolean stopRequested() {
        return false;
    }
}
