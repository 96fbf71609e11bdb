package dev.tsforge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded panel driven by one shared covariate: a promotion flag (1 on a share {@code rate} of the days, drawn afresh
 * each day, so a series' own past cannot tell when the next comes) that moves every member by twice its seasonal amplitude,
 * up for members of group "gains" and, in a {@code mixed} panel, down for members of group "loses" (a rival's
 * promotion). Members share a weekly shape at levels and scales of their own, with noise in proportion to their scale.
 *
 * @param length days per member; the promotion flag is defined for {@link #FUTURE} days more
 */
public record DrivenPanel(long seed, int length, boolean mixed, double rate) {

    public static final int PERIOD = 7;
    /** Days of the promotion flag after the members' last: what forecasts read as known-future values. */
    public static final int FUTURE = 60;
    private static final double EFFECT = 2;
    private static final double NOISE = 0.15;

    /** The promotion flag on day {@code t} (0 the members' first day). */
    public double promotion(int t) {
        return promotions()[t];
    }

    public double[] promotions() {
        Random random = new Random(seed);
        double[] flags = new double[length + FUTURE];
        for (int t = 0; t < flags.length; t++) {
            flags[t] = random.nextDouble() < rate ? 1 : 0;
        }
        return flags;
    }

    /** Member {@code index}'s values over {@code length + FUTURE} days: the first {@code length} are uploaded. */
    public double[] all(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        double level = Math.pow(10, 1 + 2 * random.nextDouble());
        double scale = Math.pow(10, random.nextDouble());
        level = Math.max(level, 5 * scale);
        double sign = mixed && index % 2 == 1 ? -1 : 1;
        double[] flags = promotions();
        double[] values = new double[length + FUTURE];
        for (int t = 0; t < values.length; t++) {
            double phase = 2 * Math.PI * t / PERIOD;
            values[t] = level + scale * (Math.sin(phase) + sign * EFFECT * flags[t] + NOISE * random.nextGaussian());
        }
        return values;
    }

    /** Member {@code index} as uploaded: its first {@code length} days and its group label. */
    public SyntheticPanel.Member member(int index) {
        double[] values = java.util.Arrays.copyOf(all(index), length);
        return new SyntheticPanel.Member("m" + index, values,
                Map.of("group", mixed && index % 2 == 1 ? "loses" : "gains"));
    }

    public List<SyntheticPanel.Member> members(int from, int to) {
        List<SyntheticPanel.Member> members = new ArrayList<>();
        for (int i = from; i < to; i++) {
            members.add(member(i));
        }
        return members;
    }
}
