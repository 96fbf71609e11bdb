package dev.tsforge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded panel of related series, what a global model is for: every series follows one shared seasonal shape, at
 * a level and scale of its own (levels from 10 to 1,000, amplitudes from 1 to 100), with a trend of its own, noise in
 * proportion to its scale, and a few missing points in its older part. Series {@code i} is the same for a seed
 * whatever else is generated, so that a test can hold some series back as "never seen".
 *
 * @param period  the season length shared by all series
 * @param length  points per series before gaps are cut
 * @param noise   noise standard deviation, in units of the series' amplitude
 * @param drift   the most a series' trend moves it over its length, in units of its amplitude (up or down): what
 *                seasonal naive, which repeats the last season, lags behind
 */
public record SyntheticPanel(long seed, int period, int length, double noise, double drift) {

    /** Points removed per series, all in its first half (so the recent part, holdout and input, is whole). */
    public static final int GAPS = 3;

    /** One series: its values on the grid (NaN where a point is missing) and its static labels. */
    public record Member(String uniqueId, double[] values, Map<String, String> labels) {

        /** The values that are there, as the points a long-format upload sends: index → value. */
        public List<double[]> observed() {
            List<double[]> points = new ArrayList<>();
            for (int t = 0; t < values.length; t++) {
                if (!Double.isNaN(values[t])) {
                    points.add(new double[] {t, values[t]});
                }
            }
            return points;
        }
    }

    /** The shared seasonal shape at step {@code t}: a main wave and its second harmonic, amplitude about 1. */
    public double season(int t) {
        double phase = 2 * Math.PI * t / period;
        return Math.sin(phase) + 0.5 * Math.sin(2 * phase + 1);
    }

    /** Series {@code index} of the panel. */
    public Member member(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        double level = Math.pow(10, 1 + 2 * random.nextDouble());
        double scale = Math.pow(10, 2 * random.nextDouble());
        level = Math.max(level, 3 * scale);
        double trend = (random.nextDouble() * 2 - 1) * drift / length;
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            values[t] = level + scale * (season(t) + trend * t + noise * random.nextGaussian());
        }
        for (int g = 0; g < GAPS; g++) {
            values[random.nextInt(length / 2)] = Double.NaN;
        }
        String group = index % 2 == 0 ? "even" : "odd";
        return new Member("s" + index, values, Map.of("group", group));
    }

    /** Series {@code from} (inclusive) to {@code to} (exclusive). */
    public List<Member> members(int from, int to) {
        List<Member> members = new ArrayList<>();
        for (int i = from; i < to; i++) {
            members.add(member(i));
        }
        return members;
    }
}
