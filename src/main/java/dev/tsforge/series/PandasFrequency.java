package dev.tsforge.series;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pandas offset aliases ({@code D}, {@code W-WED}, {@code MS}, {@code 30min}, ...), as Nixtla's clients send them,
 * mapped onto the service's grids: the duration with its anchor and business days. A zone is not part of an alias.
 */
public final class PandasFrequency {

    /** A multiple, the offset's name, and an anchor after a dash ({@code 2W-WED}, {@code QE-DEC}). */
    private static final Pattern ALIAS = Pattern.compile("(\\d*)([A-Za-z]+)(?:-([A-Za-z]{3}))?");
    private static final Map<String, String> WEEKDAYS = Map.of("MON", "MONDAY", "TUE", "TUESDAY", "WED", "WEDNESDAY",
            "THU", "THURSDAY", "FRI", "FRIDAY", "SAT", "SATURDAY", "SUN", "SUNDAY");
    /** Quarters here start in January, April, July and October (and end in the months before them). */
    private static final Set<String> QUARTER_STARTS = Set.of("JAN", "APR", "JUL", "OCT");
    private static final Set<String> QUARTER_ENDS = Set.of("MAR", "JUN", "SEP", "DEC");

    private PandasFrequency() {
    }

    /**
     * The grid an alias names.
     *
     * @throws IllegalArgumentException saying what is supported, for an alias that maps onto no grid of the service
     */
    public static Frequency parse(String alias) {
        Matcher parts = alias == null ? null : ALIAS.matcher(alias.trim());
        if (parts == null || !parts.matches()) {
            throw unsupported(alias);
        }
        int n = parts.group(1).isEmpty() ? 1 : Integer.parseInt(parts.group(1));
        String name = parts.group(2);
        String anchor = parts.group(3) == null ? null : parts.group(3).toUpperCase(Locale.ROOT);
        try {
            return switch (name) {
                case "s", "S" -> plain(anchor, Frequency.parse("PT" + n + "S"));
                case "min", "T" -> plain(anchor, Frequency.parse("PT" + n * 60L + "S"));
                case "h", "H" -> plain(anchor, Frequency.parse("PT" + n * 3600L + "S"));
                case "D" -> plain(anchor, single(n, Frequency.parse("P1D")));
                case "B" -> plain(anchor, single(n, Frequency.of("P1D", null, true, null)));
                case "W" -> single(n, Frequency.of("P1W", weekday(anchor == null ? "SUN" : anchor, alias), false,
                        null));
                case "MS" -> plain(anchor, Frequency.of("P" + n + "M", Frequency.START, false, null));
                case "ME", "M" -> plain(anchor, Frequency.of("P" + n + "M", Frequency.END, false, null));
                case "QS" -> quarters(n, anchor, QUARTER_STARTS, Frequency.START, alias);
                case "QE", "Q" -> quarters(n, anchor, QUARTER_ENDS, Frequency.END, alias);
                case "YS", "AS" -> years(n, anchor, "JAN", Frequency.START, alias);
                case "YE", "Y", "A" -> years(n, anchor, "DEC", Frequency.END, alias);
                default -> throw unsupported(alias);
            };
        } catch (IllegalArgumentException notAGrid) {
            throw unsupported(alias);
        }
    }

    private static Frequency plain(String anchor, Frequency frequency) {
        if (anchor != null) {
            throw new IllegalArgumentException("no anchor");
        }
        return frequency;
    }

    private static Frequency single(int n, Frequency frequency) {
        if (n != 1) {
            throw new IllegalArgumentException("one step only");
        }
        return frequency;
    }

    private static String weekday(String anchor, String alias) {
        String weekday = WEEKDAYS.get(anchor);
        if (weekday == null) {
            throw unsupported(alias);
        }
        return weekday;
    }

    private static Frequency quarters(int n, String anchor, Set<String> months, String side, String alias) {
        if (anchor != null && !months.contains(anchor)) {
            throw unsupported(alias);
        }
        return Frequency.of("P" + 3 * n + "M", side, false, null);
    }

    private static Frequency years(int n, String anchor, String month, String side, String alias) {
        if (anchor != null && !anchor.equals(month)) {
            throw unsupported(alias);
        }
        return single(n, Frequency.of("P1Y", side, false, null));
    }

    private static IllegalArgumentException unsupported(String alias) {
        return new IllegalArgumentException("Unsupported frequency alias '" + alias + "': use a pandas alias of a "
                + "grid the service has: s, min (T), h (H) with a multiple dividing a day (30min, 2h), D, B, W or "
                + "W-MON ... W-SUN, MS or ME (M) with 1, 2, 3, 4 or 6 months, QS (QS-JAN/APR/JUL/OCT), QE (Q, "
                + "QE-MAR/JUN/SEP/DEC), YS (AS, YS-JAN), YE (Y, A, YE-DEC)");
    }

    /** Whether two grids are the same steps with the same anchor and business days, whatever their zones. */
    public static boolean sameGrid(Frequency a, Frequency b) {
        return a.toString().equals(b.toString()) && java.util.Objects.equals(a.anchor(), b.anchor())
                && a.businessDays() == b.businessDays();
    }
}
