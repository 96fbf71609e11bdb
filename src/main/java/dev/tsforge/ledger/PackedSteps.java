package dev.tsforge.ledger;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps of a recorded forecast as two byte arrays in its {@code ledger_forecast} row: what was forecast (written
 * once) and the actuals (rewritten as they arrive). A row per step made H2, which keeps its pages in the service's
 * heap, allocate several times what serving the forecast did; one row per forecast does not.
 *
 * <p>Forecast, big-endian: a format byte (1); the step count n; the level count L and the L levels; n targets in
 * epoch microseconds (the precision both databases keep for a timestamp, so a step row carried over by V20 loses
 * nothing); n points; n seasonal naive baselines; per level n lower and n upper bounds. A missing baseline or bound
 * is NaN: the forecasts that are recorded have no NaN values of their own. Step k is the (k+1)-th. The levels are
 * shared by the steps (a forecast asks for its levels once); a step without a bound at one of them reads a bound of
 * nulls there.
 *
 * <p>Actuals: n doubles, NaN while a step's actual has not arrived (ingested values are finite).
 */
final class PackedSteps {

    private static final byte FORMAT = 1;
    private static final int HEADER = Byte.BYTES + 2 * Integer.BYTES;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int NANOS_PER_MICRO = 1_000;

    private PackedSteps() {
    }

    /** The forecast part of {@code steps}, in step order. */
    static byte[] forecast(List<RecordedStep> steps) {
        Set<Double> levels = new LinkedHashSet<>();
        for (RecordedStep step : steps) {
            step.intervals().forEach(bound -> levels.add(bound.level()));
        }
        int n = steps.size();
        ByteBuffer packed = ByteBuffer.allocate(HEADER + Double.BYTES * levels.size() + Long.BYTES * n
                + Double.BYTES * n * (2 + 2 * levels.size()));
        packed.put(FORMAT).putInt(n).putInt(levels.size());
        levels.forEach(packed::putDouble);
        steps.forEach(step -> packed.putLong(micros(step.target())));
        steps.forEach(step -> packed.putDouble(step.point()));
        steps.forEach(step -> packed.putDouble(orNaN(step.baseline())));
        for (double level : levels) {
            for (RecordedStep step : steps) {
                packed.putDouble(orNaN(bound(step, level).lower()));
            }
            for (RecordedStep step : steps) {
                packed.putDouble(orNaN(bound(step, level).upper()));
            }
        }
        return packed.array();
    }

    /** The actuals of {@code steps}, in step order. */
    static byte[] actuals(List<RecordedStep> steps) {
        ByteBuffer packed = ByteBuffer.allocate(Double.BYTES * steps.size());
        steps.forEach(step -> packed.putDouble(orNaN(step.actual())));
        return packed.array();
    }

    /** The steps of a recorded forecast; {@code actuals} null reads as none arrived. */
    static List<RecordedStep> steps(long forecastId, long seriesId, long modelId, byte[] forecast, byte[] actuals) {
        ByteBuffer packed = ByteBuffer.wrap(forecast);
        byte format = packed.get();
        if (format != FORMAT) {
            throw new IllegalStateException("Recorded forecast " + forecastId + " has steps in an unknown format "
                    + format);
        }
        int n = packed.getInt();
        double[] levels = new double[packed.getInt()];
        for (int l = 0; l < levels.length; l++) {
            levels[l] = packed.getDouble();
        }
        long[] targets = new long[n];
        for (int k = 0; k < n; k++) {
            targets[k] = packed.getLong();
        }
        double[] points = doubles(packed, n);
        double[] baselines = doubles(packed, n);
        double[][] lowers = new double[levels.length][];
        double[][] uppers = new double[levels.length][];
        for (int l = 0; l < levels.length; l++) {
            lowers[l] = doubles(packed, n);
            uppers[l] = doubles(packed, n);
        }
        ByteBuffer arrived = actuals == null ? null : ByteBuffer.wrap(actuals);
        List<RecordedStep> steps = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            List<Bound> bounds = new ArrayList<>(levels.length);
            for (int l = 0; l < levels.length; l++) {
                bounds.add(new Bound(levels[l], orNull(lowers[l][k]), orNull(uppers[l][k])));
            }
            Double actual = arrived == null ? null : orNull(arrived.getDouble());
            steps.add(new RecordedStep(forecastId, seriesId, modelId, k + 1, instant(targets[k]), points[k], bounds,
                    orNull(baselines[k]), actual));
        }
        return steps;
    }

    private static Bound bound(RecordedStep step, double level) {
        for (Bound bound : step.intervals()) {
            if (bound.level() == level) {
                return bound;
            }
        }
        return new Bound(level, null, null);
    }

    private static double[] doubles(ByteBuffer packed, int n) {
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = packed.getDouble();
        }
        return values;
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / NANOS_PER_MICRO);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
