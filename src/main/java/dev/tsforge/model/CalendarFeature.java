package dev.tsforge.model;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/**
 * A calendar cycle a network may read as a known-future input, in the series' own zone: each one becomes two inputs,
 * the sine and cosine of its position in the cycle, so that the end of a cycle lies next to its start (Sunday beside
 * Monday, December beside January) rather than as far from it as a number could be.
 */
public enum CalendarFeature {

    DAY_OF_WEEK(7, Duration.ofDays(7)) {
        @Override
        double position(LocalDateTime t) {
            return t.getDayOfWeek().getValue() - 1;
        }
    },
    HOUR_OF_DAY(24, Duration.ofDays(1)) {
        @Override
        double position(LocalDateTime t) {
            return t.getHour() + t.getMinute() / 60.0;
        }
    },
    MONTH(12, Duration.ofDays(365)) {
        @Override
        double position(LocalDateTime t) {
            return t.getMonthValue() - 1;
        }
    },
    WEEK_OF_YEAR(52, Duration.ofDays(365)) {
        @Override
        double position(LocalDateTime t) {
            // ISO weeks 1..52 or 53: week 53 wraps onto week 1, its neighbour
            return t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1;
        }
    };

    private final int period;
    /** The cycle's length: a grid whose step is as long or longer always lands on the same position. */
    private final Duration cycle;

    CalendarFeature(int period, Duration cycle) {
        this.period = period;
        this.cycle = cycle;
    }

    /** Where {@code t} lies in the cycle, in {@code [0, period)}. */
    abstract double position(LocalDateTime t);

    /** The two inputs at local time {@code t}: {@code sin} and {@code cos} of its angle in the cycle. */
    public double sin(LocalDateTime t) {
        return Math.sin(2 * Math.PI * position(t) / period);
    }

    public double cos(LocalDateTime t) {
        return Math.cos(2 * Math.PI * position(t) / period);
    }

    /**
     * Whether the cycle varies along a grid of this step: hour of day on a daily grid, or day of week on a weekly
     * one, would be the same value at every point, which teaches the network nothing.
     */
    public boolean variesAlong(Duration step) {
        return step.compareTo(cycle) < 0;
    }

    /** The cycle's length in words, for the refusal of a grid it does not vary along. */
    public String cycleInWords() {
        return switch (this) {
            case DAY_OF_WEEK -> "a week";
            case HOUR_OF_DAY -> "a day";
            case MONTH, WEEK_OF_YEAR -> "a year";
        };
    }
}
