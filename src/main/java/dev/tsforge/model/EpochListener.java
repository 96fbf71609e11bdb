package dev.tsforge.model;

/** Told after every epoch; throwing from it stops the training. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch the epoch just finished, from 1
     * @param loss  mean training loss (MSE on standardised values) over the epoch's minibatches
     */
    void epochFinished(int epoch, double loss);
}
