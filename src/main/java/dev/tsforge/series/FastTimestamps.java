package dev.tsforge.series;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads the timestamps of bulk uploads, millions per request. {@link PointBatchValidator#parseTimestamp(String,
 * ZoneId)} tries java.time's parsers one after the other and pays for an exception at each miss, which is every
 * offset-less timestamp (the way pandas writes them); this reads the fixed ISO layouts field by field and leaves
 * anything else to that method, so both accept the same texts.
 */
final class FastTimestamps {

    /** Returned when the text is not a timestamp. */
    static final long INVALID = Long.MIN_VALUE;
    private static final long SECONDS_PER_DAY = 86_400;

    private FastTimestamps() {
    }

    /**
     * Epoch seconds of {@code yyyy-MM-dd}, {@code yyyy-MM-dd[T ]HH:mm[:ss[.fraction]]} with {@code Z}, an
     * {@code ±hh:mm} offset or none (then read in {@code zone}); {@link #INVALID} when it is none of them or names no
     * real date. A non-zero fraction of a second is refused: no grid has one.
     */
    static long epochSecond(String text, ZoneId zone) {
        long fast = fixedLayout(text, zone);
        if (fast != INVALID) {
            return fast;
        }
        Instant parsed = PointBatchValidator.parseTimestamp(text, zone);
        return parsed == null || parsed.getNano() != 0 ? INVALID : parsed.getEpochSecond();
    }

    private static long fixedLayout(String text, ZoneId zone) {
        int n = text.length();
        if (n < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return INVALID;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = 0;
        int minute = 0;
        int second = 0;
        int i = 10;
        if (n > 10) {
            char separator = text.charAt(10);
            if ((separator != 'T' && separator != ' ') || n < 16 || text.charAt(13) != ':') {
                return INVALID;
            }
            hour = digits(text, 11, 2);
            minute = digits(text, 14, 2);
            i = 16;
            if (n >= 19 && text.charAt(16) == ':') {
                second = digits(text, 17, 2);
                i = 19;
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    while (i < n && text.charAt(i) == '0') {
                        i++;
                    }
                    if (i < n && text.charAt(i) >= '1' && text.charAt(i) <= '9') {
                        return INVALID;
                    }
                }
            }
        }
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        int offsetSeconds;
        boolean local = false;
        if (i == n) {
            local = true;
            offsetSeconds = 0;
        } else if (i == n - 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = digits(text, i + 1, 2);
            int minutes = digits(text, i + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return INVALID;
            }
            offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return INVALID;
        }
        try {
            if (local && !(zone instanceof ZoneOffset)) {
                return LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toEpochSecond();
            }
            if (local) {
                offsetSeconds = ((ZoneOffset) zone).getTotalSeconds();
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        } catch (DateTimeException notADate) {
            return INVALID;
        }
    }

    /** The non-negative number in {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
