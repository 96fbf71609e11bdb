package dev.tsforge.training;

/** One point of a job's loss curve. */
public record EpochLoss(int epoch, double trainingLoss, Double validationLoss, long elapsedMillis) {
}
