package dev.tsforge.series;

/**
 * What training and forecasting do with missing grid points. {@code SPLIT}: learn only from windows inside
 * runs of consecutive points, and forecast only from a complete window (nothing is made up);
 * {@code REJECT}: refuse a series with any missing point; {@code LINEAR}: fill missing points by linear
 * interpolation between their neighbours; {@code FORWARD_FILL}: repeat the last observed value;
 * {@code MASK}: windows may span gaps, and a missing point is masked (DL4J mask arrays): it is not a made-up value
 * but unknown, the recurrent state restarts after it, and a missing target does not count in the loss.
 */
public enum GapPolicy { SPLIT, REJECT, LINEAR, FORWARD_FILL, MASK }
