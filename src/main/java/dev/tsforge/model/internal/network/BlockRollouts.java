package dev.tsforge.model.internal.network;

import dev.tsforge.model.internal.inference.JavaForward;

/**
 * {@link Dl4jPredictor}'s sliding roll-out in plain Java for a block of histories at once: each forward pass runs the
 * whole block through one {@link JavaForward#blockRollout}, restarted for each pass, which reads each weight row once per few windows instead of
 * once per window. Windows are built and outputs read exactly as the one-window roll-out of {@link Dl4jPredictor}
 * does, so each history gets the same forecast alone or in a block.
 *
 * @param inputs per step: the value, then the covariates' columns
 */
record BlockRollouts(JavaForward forward, WindowScaling scaling, boolean relative, boolean scaled, int lookback,
        int inputs, int outputSteps) {

    /**
     * Fills {@code values[b][lookback, lookback + horizon)} of each row, one forward pass of the block per
     * {@link #outputSteps} values, each pass over the latest {@code lookback} values.
     *
     * @param covariateRows per row, its covariates over the window and horizon; unused without covariates
     */
    void sliding(double[][] values, float[][] covariateRows, int horizon) {
        int count = values.length;
        int width = inputs - 1;
        float[][] windows = new float[count][lookback * inputs];
        double[] anchors = new double[count];
        double[] spreads = new double[count];
        JavaForward.BlockRollout rollout = forward.blockRollout(count);
        for (int done = 0; done < horizon; done += outputSteps) {
            for (int b = 0; b < count; b++) {
                anchors[b] = relative ? RelativeWindows.anchor(values[b], done, done + lookback) : 0;
                spreads[b] = scaled ? RelativeWindows.spread(values[b], done, done + lookback) : 1;
                float[] window = windows[b];
                for (int t = 0; t < lookback; t++) {
                    // step-major: the value, then its covariates
                    window[t * inputs] = scaling.feature((values[b][done + t] - anchors[b]) / spreads[b]);
                    for (int c = 0; c < width; c++) {
                        window[t * inputs + 1 + c] = scaling.feature(1 + c, covariateRows[b][(done + t) * width + c]);
                    }
                }
            }
            rollout.restart();
            float[][] outputs = rollout.feed(windows, lookback);
            for (int b = 0; b < count; b++) {
                for (int h = 0; h < outputSteps; h++) {
                    values[b][lookback + done + h] = scaling.label(h, outputs[b][h]) * spreads[b] + anchors[b];
                }
            }
        }
    }
}
