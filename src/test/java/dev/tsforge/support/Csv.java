package dev.tsforge.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/** Series as the CSV the API takes ({@code timestamp,value}), from a function of the point's index. */
public final class Csv {

    public static final Instant JAN_1_2024 = Instant.parse("2024-01-01T00:00:00Z");

    private Csv() {
    }

    /** Points 0 to {@code count - 1}, the i-th at {@code start + i * step}. */
    public static String points(Instant start, Duration step, int count, IntToDoubleFunction value) {
        return points(start, step, IntStream.range(0, count), value);
    }

    /** Only the points at {@code indices} (leave some out for gaps), the i-th at {@code start + i * step}. */
    public static String points(Instant start, Duration step, IntStream indices, IntToDoubleFunction value) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        indices.forEach(i -> csv.append(start.plus(step.multipliedBy(i))).append(',').append(value.applyAsDouble(i))
                .append('\n'));
        return csv.toString();
    }

    /** Hourly points from 2024-01-01T00:00Z. */
    public static String hourly(int count, IntToDoubleFunction value) {
        return points(JAN_1_2024, Duration.ofHours(1), count, value);
    }

    /** Daily points from 2024-01-01T00:00Z. */
    public static String daily(int count, IntToDoubleFunction value) {
        return points(JAN_1_2024, Duration.ofDays(1), count, value);
    }
}
