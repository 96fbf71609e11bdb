package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.Frequency;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A statistical forecast on the last {@code lookback} values, refitted on the history each forecast is given, so
 * that it always starts from the series' own end: one method, or a combination of several (their median, the mean of
 * two: M4's most robust finding was that combinations beat their members). Nothing is learned beyond the season
 * length and, for exponential smoothing, the model form chosen when it was trained. It emits the whole horizon at
 * once (DIRECT).
 *
 * <p>ARIMA may read more than the other methods ({@code arimaLookback}, the whole run as AUTO sets it): its
 * differencing tests and order need long samples, where exponential smoothing and Theta on a long run follow a level
 * or trend the series has left (bench/RESULTS.md, "ARIMA on the whole run"). Specs from before this have none: every
 * method reads {@code lookback}.
 *
 * @param methods       one method, or the members of a combination
 * @param etsForm       the exponential smoothing form (R's letters, e.g. {@code MAdM}) when {@code methods} holds
 *                      ETS
 * @param arimaOrder    the ARIMA order as R prints it (e.g. {@code ARIMA(0,1,1)(0,1,1)[12]}) when {@code methods}
 *                      holds ARIMA; for STL_ARIMA the order on the adjusted values, or null to choose one at each
 *                      forecast
 * @param window        its {@code lookback}: the values the methods read (all but ARIMA where
 *                      {@code arimaLookback} is set)
 * @param arimaLookback the values ARIMA reads, at least {@code lookback}; null for {@code lookback}
 */
public record StatisticalSpec(List<Method> methods, String etsForm, String arimaOrder, WindowSpec window,
        Integer arimaLookback) implements ModelSpec {

    /**
     * The most values a statistical model reads (the API's largest lookback for one), but for a week where a week is a
     * season too (up to {@link #MAX_WEEK}).
     */
    public static final int MAX_LOOKBACK = 1000;

    /** The longest week read: of 5-minute steps. A week of minutes (10,080) is not. */
    public static final int MAX_WEEK = Frequency.LONGEST_WEEK;

    /** The weeks {@link Method#MSTL_ETS} reads. */
    public static final int WEEKS_READ = 3;

    /** The fewest values a statistical model forecasts from. */
    public static final int MIN_HISTORY = 3;

    /** What {@link #architectureName()} says of every statistical model written before combinations existed. */
    public static final String THETA = "THETA";

    /** The statistical methods, cheapest first. */
    public enum Method {
        /** The last value, repeated. */
        NAIVE,
        /** The value one season before each step. */
        SEASONAL_NAIVE,
        /**
         * The value seven seasons before each step: a week before, for a series whose season is a day of a grid finer
         * than a day (AUTO offers it only there), where weekdays and weekends differ.
         */
        WEEKLY_NAIVE,
        /** Exponential smoothing in Hyndman's state-space form, its form chosen by AICc. */
        ETS,
        /**
         * Exponential smoothing without a season on values seasonally adjusted by STL, the last season of the seasonal
         * component repeated (R's stlf): for seasons longer than exponential smoothing takes (more than 24 steps).
         */
        STL_ETS,
        /**
         * Exponential smoothing without a season on values seasonally adjusted by STL for a day and a week (MSTL), each
         * last cycle repeated: for a series whose season is a day of a grid finer than a day (AUTO offers it only
         * there), on three weeks, so that the week is estimated over several rather than copied from the last.
         */
        MSTL_ETS,
        /** The Theta method, M4's statistical benchmark. */
        THETA,
        /** ARIMA, its order chosen as Hyndman and Khandakar's stepwise search chooses it. */
        ARIMA,
        /**
         * ARIMA without a season on values seasonally adjusted by STL, the last season of the seasonal component
         * repeated (R's {@code stlf(y, method = "arima")}): for seasons longer than ARIMA's seasonal models take here
         * (more than 24 steps), whose ARIMA would otherwise see no season. Its order is the spec's, chosen on the
         * adjusted values when it was trained; without one, chosen at each forecast.
         */
        STL_ARIMA
    }

    public StatisticalSpec {
        methods = List.copyOf(methods);
        if (methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("a statistical model needs one method or distinct members, got "
                    + methods);
        }
        if (methods.contains(Method.ETS) == (etsForm == null)) {
            throw new IllegalArgumentException("an ETS model names its form, and only an ETS model does");
        }
        if (methods.contains(Method.ARIMA) && methods.contains(Method.STL_ARIMA)) {
            throw new IllegalArgumentException("a statistical model holds ARIMA or STL_ARIMA, not both: they would "
                    + "need two orders");
        }
        // an STL_ARIMA without an order chooses one at each forecast
        if (methods.contains(Method.ARIMA) ? arimaOrder == null
                : arimaOrder != null && !methods.contains(Method.STL_ARIMA)) {
            throw new IllegalArgumentException("an ARIMA model names its order, and only an ARIMA or STL_ARIMA model "
                    + "does");
        }
        if (window.strategy() != OutputStrategy.DIRECT) {
            throw new IllegalArgumentException("a statistical model forecasts the whole horizon at once (DIRECT)");
        }
        if (arimaLookback != null && (!methods.contains(Method.ARIMA) || arimaLookback < window.lookback()
                || arimaLookback > Math.max(MAX_LOOKBACK, window.lookback()))) {
            throw new IllegalArgumentException("only an ARIMA model reads more values for ARIMA, between its lookback "
                    + window.lookback() + " and " + Math.max(MAX_LOOKBACK, window.lookback()) + ", got "
                    + arimaLookback);
        }
    }

    /** Every method reading the same {@code lookback} values. */
    public StatisticalSpec(List<Method> methods, String etsForm, String arimaOrder, WindowSpec window) {
        this(methods, etsForm, arimaOrder, window, null);
    }

    /**
     * The values a statistical method reads from a series' most recent run: five seasons and at least 60 values, at
     * most {@link #MAX_LOOKBACK} and what the run has (AUTO's rule; its reasons are in {@code StatisticalCandidates}).
     */
    public static int recentLookback(int seasonalPeriod, int available) {
        return recentLookback(seasonalPeriod, false, available);
    }

    /**
     * As {@link #recentLookback(int, int)}, but where a week is a season too ({@code weekly}: a grid finer than a day
     * whose season is a day) at least a week, up to {@link #MAX_WEEK}: what the value a week before needs, and a daily
     * season estimated over a week weighs every weekday the same.
     */
    public static int recentLookback(int seasonalPeriod, boolean weekly, int available) {
        int least = Math.min(MAX_LOOKBACK, Math.max(60, 5 * seasonalPeriod));
        if (weekly && week(seasonalPeriod) <= MAX_WEEK) {
            least = Math.max(least, week(seasonalPeriod));
        }
        return Math.min(available, least);
    }

    /**
     * A week of a grid whose season is a day, in steps: what {@link Method#WEEKLY_NAIVE} looks back, and so the least
     * lookback of a spec that holds it.
     */
    public static int week(int seasonalPeriod) {
        return 7 * seasonalPeriod;
    }

    /**
     * What {@link Method#MSTL_ETS} reads: three weeks, one more than MSTL needs to estimate a weekly season (more than
     * two cycles).
     */
    public static int weeksLookback(int seasonalPeriod, int available) {
        return Math.min(available, WEEKS_READ * week(seasonalPeriod));
    }

    /** Whether three weeks of a grid whose season is a day are at most {@link #MAX_WEEK} values: 15-minute steps on. */
    public static boolean readsWeeks(int seasonalPeriod) {
        return WEEKS_READ * week(seasonalPeriod) <= MAX_WEEK;
    }

    /** The values {@code method} reads of a forecast's history: ARIMA's own lookback where it has one. */
    public int lookback(Method method) {
        return method == Method.ARIMA && arimaLookback != null ? arimaLookback : lookback();
    }

    /**
     * This spec with ARIMA reading {@code values}, at most {@link #MAX_LOOKBACK} and at least the others' lookback (a
     * week may be longer); as it is without ARIMA.
     */
    public StatisticalSpec withArimaLookback(int values) {
        return methods.contains(Method.ARIMA) ? new StatisticalSpec(methods, etsForm, arimaOrder, window,
                Math.max(lookback(), Math.min(MAX_LOOKBACK, values))) : this;
    }

    /** What ARIMA reads where it reads more than the others. */
    @Override
    public int inputLength() {
        return arimaLookback == null ? lookback() : arimaLookback;
    }

    public static StatisticalSpec of(Method method, int lookback, int horizon, GapPolicy gapPolicy, long seed) {
        return new StatisticalSpec(List.of(method), null, null, new WindowSpec(lookback, horizon, OutputStrategy.DIRECT,
                gapPolicy, seed));
    }

    public static StatisticalSpec theta(int lookback, int horizon, GapPolicy gapPolicy, long seed) {
        return of(Method.THETA, lookback, horizon, gapPolicy, seed);
    }

    /** A combination's forecast from its members': step by step, the median (the mean of two); one member's as it is. */
    public static double[] combine(List<double[]> members, int horizon) {
        if (members.size() == 1) {
            return members.get(0);
        }
        double[] combined = new double[horizon];
        double[] column = new double[members.size()];
        for (int step = 0; step < horizon; step++) {
            for (int m = 0; m < column.length; m++) {
                column[m] = members.get(m)[step];
            }
            Arrays.sort(column);
            int middle = column.length / 2;
            combined[step] = column.length % 2 == 1 ? column[middle] : (column[middle - 1] + column[middle]) / 2;
        }
        return combined;
    }

    /**
     * The holdout and a few values to fit on: a statistical model reads up to {@code lookback} values, and fewer
     * will do (it is refitted on whatever history a forecast gives it).
     */
    @Override
    public int minimumPoints() {
        return horizon() + MIN_HISTORY;
    }

    /** A statistical model is refitted on whatever history a forecast gives it, up to its lookback. */
    @Override
    public int minimumInput() {
        return Math.min(lookback(), MIN_HISTORY);
    }

    public boolean isCombination() {
        return methods.size() > 1;
    }

    @Override
    public <T> T match(Function<NetworkSpec, T> network, Function<StatisticalSpec, T> statistical) {
        return statistical.apply(this);
    }

    @Override
    public int epochs() {
        return 0;
    }

    /** {@code THETA}, {@code ETS(MAdM)}, {@code ARIMA(0,1,1)}, {@code COMBINATION(ETS(AAN),THETA,SEASONAL_NAIVE)}. */
    @Override
    public String architectureName() {
        if (!isCombination()) {
            return describe(methods.get(0));
        }
        return methods.stream().map(this::describe).collect(Collectors.joining(",", "COMBINATION(", ")"));
    }

    private String describe(Method method) {
        return switch (method) {
            case ETS -> "ETS(" + etsForm + ")";
            case ARIMA -> arimaOrder;
            case STL_ARIMA -> arimaOrder == null ? method.name() : "STL+" + arimaOrder;
            default -> method.name();
        };
    }
}
