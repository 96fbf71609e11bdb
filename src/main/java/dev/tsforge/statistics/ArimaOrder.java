package dev.tsforge.statistics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orders of a seasonal ARIMA model (p,d,q)(P,D,Q)m, printed as R's forecast package prints them:
 * {@code "ARIMA(2,1,2) with drift"}, {@code "ARIMA(0,1,1)(0,1,1)[12]"}, {@code "ARIMA(1,0,0) with non-zero mean"}.
 *
 * <p>{@code constant} is the one deterministic term R's auto.arima allows: a mean when nothing is differenced
 * ({@code d + D = 0}), a drift (a slope in time) after one difference ({@code d + D = 1}); with two or more
 * differences there is none. The period of an order without seasonal parts is 1, so that two orders that describe
 * the same model are equal whatever the series' period.
 */
public record ArimaOrder(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period,
        boolean constant) {

    private static final Pattern TEXT = Pattern.compile(
            "ARIMA\\((\\d+),(\\d+),(\\d+)\\)(?:\\((\\d+),(\\d+),(\\d+)\\)\\[(\\d+)])?"
                    + "(?: with (drift|non-zero mean|zero mean))?");

    public ArimaOrder {
        if (p < 0 || d < 0 || q < 0 || seasonalP < 0 || seasonalD < 0 || seasonalQ < 0) {
            throw new IllegalArgumentException("ARIMA orders are not negative");
        }
        if (period < 1) {
            throw new IllegalArgumentException("the period must be at least 1, got " + period);
        }
        boolean seasonal = seasonalP + seasonalD + seasonalQ > 0;
        if (seasonal && period == 1) {
            throw new IllegalArgumentException("seasonal orders need a period above 1");
        }
        if (!seasonal) {
            period = 1;
        }
        if (constant && d + seasonalD > 1) {
            throw new IllegalArgumentException("no mean or drift with two or more differences");
        }
    }

    /** A non-seasonal order. */
    public static ArimaOrder of(int p, int d, int q, boolean constant) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 1, constant);
    }

    /** Reads what {@link #toString} writes, R's {@code arima.string} without padding. */
    public static ArimaOrder parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an ARIMA order (e.g. \"ARIMA(0,1,1)(0,1,1)[12]\"): " + text);
        }
        int p = Integer.parseInt(matcher.group(1));
        int d = Integer.parseInt(matcher.group(2));
        int q = Integer.parseInt(matcher.group(3));
        boolean seasonal = matcher.group(4) != null;
        int seasonalD = seasonal ? Integer.parseInt(matcher.group(5)) : 0;
        String term = matcher.group(8);
        int differences = d + seasonalD;
        boolean constant = term != null && !term.equals("zero mean");
        if (("drift".equals(term) && differences != 1) || ("non-zero mean".equals(term) && differences != 0)
                || ("zero mean".equals(term) && differences != 0)) {
            throw new IllegalArgumentException("\"with " + term + "\" does not go with " + differences
                    + " differences: " + text);
        }
        return seasonal
                ? new ArimaOrder(p, d, q, Integer.parseInt(matcher.group(4)), seasonalD,
                        Integer.parseInt(matcher.group(6)), Integer.parseInt(matcher.group(7)), constant)
                : of(p, d, q, constant);
    }

    public boolean seasonal() {
        return period > 1;
    }

    /** How many times the series is differenced, in all: {@code d + D * period} values are lost. */
    int lostValues() {
        return d + seasonalD * period;
    }

    /** ARMA coefficients estimated, not counting the constant. */
    int armaCount() {
        return p + q + seasonalP + seasonalQ;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ARIMA(").append(p).append(',').append(d).append(',').append(q)
                .append(')');
        if (seasonal()) {
            text.append('(').append(seasonalP).append(',').append(seasonalD).append(',').append(seasonalQ)
                    .append(")[").append(period).append(']');
        }
        if (constant) {
            text.append(d + seasonalD == 0 ? " with non-zero mean" : " with drift");
        } else if (d + seasonalD == 0) {
            text.append(" with zero mean");
        }
        return text.toString();
    }
}
