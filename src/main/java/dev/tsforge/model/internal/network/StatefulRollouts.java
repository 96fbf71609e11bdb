package dev.tsforge.model.internal.network;

import dev.tsforge.model.internal.inference.JavaForward;

/**
 * {@link Dl4jPredictor}'s STATEFUL roll-out in plain Java: the window through the network once, then each forecast
 * value fed back as one more step while the recurrent layers keep their state. A window relative to its last value
 * (LAST_VALUE, WINDOW) is scaled once, at the origin: the values fed back are taken relative to the origin window's
 * last value and divided by its spread, and every output is un-scaled with the same two numbers. Re-anchoring each
 * step, as SLIDING does, would change the units of a sequence the network reads as one. With the origin's scaling
 * fixed, a series {@code a·y + b} (a &gt; 0) is read exactly as {@code y} is, so its forecast is {@code a·f + b}.
 *
 * <p>{@link #one} and {@link #block} give each history the same values: the block multiplies each weight matrix by
 * all its rows at once ({@link JavaForward#blockRollout}), in the same order of operations as one row alone. Forecasts
 * roll out one history at a time: blocks of 16 over the cores, or all 1,000 histories of a collection's call on one
 * thread, were no faster (bench/RESULTS.md); {@code BlockForecastBenchmark} measures the block again.
 */
record StatefulRollouts(JavaForward forward, WindowScaling scaling, boolean relative, boolean scaled, int lookback) {

    /** Fills {@code values[lookback, lookback + horizon)} from the window {@code values[0, lookback)}. */
    void one(double[] values, int horizon) {
        double anchor = anchor(values);
        double spread = spread(values);
        float[] window = new float[lookback];
        for (int t = 0; t < lookback; t++) {
            window[t] = scaling.feature((values[t] - anchor) / spread);
        }
        JavaForward.Rollout rollout = forward.rollout();
        float[] output = rollout.feed(window, lookback);
        float[] step = new float[1];
        for (int h = 0; ; h++) {
            double change = scaling.label(0, output[0]);
            values[lookback + h] = change * spread + anchor;
            if (h + 1 == horizon) {
                return;
            }
            step[0] = scaling.feature(change);
            output = rollout.feed(step, 1);
        }
    }

    /** {@link #one} for each row of {@code values}, the rows through each weight matrix together. */
    void block(double[][] values, int horizon) {
        int count = values.length;
        double[] anchors = new double[count];
        double[] spreads = new double[count];
        float[][] windows = new float[count][lookback];
        for (int b = 0; b < count; b++) {
            anchors[b] = anchor(values[b]);
            spreads[b] = spread(values[b]);
            for (int t = 0; t < lookback; t++) {
                windows[b][t] = scaling.feature((values[b][t] - anchors[b]) / spreads[b]);
            }
        }
        JavaForward.BlockRollout rollout = forward.blockRollout(count);
        float[][] outputs = rollout.feed(windows, lookback);
        float[][] steps = new float[count][1];
        for (int h = 0; ; h++) {
            for (int b = 0; b < count; b++) {
                double change = scaling.label(0, outputs[b][0]);
                values[b][lookback + h] = change * spreads[b] + anchors[b];
                steps[b][0] = scaling.feature(change);
            }
            if (h + 1 == horizon) {
                return;
            }
            outputs = rollout.feed(steps, 1);
        }
    }

    private double anchor(double[] values) {
        return relative ? RelativeWindows.anchor(values, 0, lookback) : 0;
    }

    private double spread(double[] values) {
        return scaled ? RelativeWindows.spread(values, 0, lookback) : 1;
    }
}
