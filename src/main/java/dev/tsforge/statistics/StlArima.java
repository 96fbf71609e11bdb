package dev.tsforge.statistics;

import java.time.Duration;

/**
 * ARIMA without a season of its own on values seasonally adjusted by STL, the last cycle of the seasonal component
 * repeated over the horizon: R's {@code forecast::stlf(y, method = "arima")}, its order chosen by the stepwise search
 * on the adjusted values (at each forecast, or once and kept, as ARIMA's is). It is what R offers where a season is
 * longer than {@code auto.arima}'s seasonal models take in reasonable time (weeks in a year): the ARIMA of such a
 * series otherwise sees no season.
 */
public final class StlArima {

    private StlArima() {
    }

    /**
     * The forecast of the next {@code horizon} values; ARIMA without a season where {@code y} holds two cycles or
     * fewer ({@link StlEts#decomposes}). The order search visits no new model once {@code limit} has passed, as
     * {@link Arima#select(double[], int, Duration)}: it runs inside a forecast.
     *
     * @throws IllegalArgumentException where no ARIMA fits the (adjusted) values
     * @throws IllegalStateException    where the likelihood cannot be evaluated
     */
    public static double[] forecast(double[] y, int period, int horizon, Duration limit) {
        return StlEts.forecast(y, new int[] {period}, horizon,
                adjusted -> Arima.select(adjusted, 1, limit).forecast(horizon));
    }

    /**
     * As {@link #forecast(double[], int, int, Duration)} with {@code order} (chosen on adjusted values before)
     * estimated again on the adjusted values, as a stored ARIMA order is.
     *
     * @throws IllegalArgumentException where the order does not fit the adjusted values
     */
    public static double[] forecast(double[] y, int period, int horizon, ArimaOrder order) {
        return StlEts.forecast(y, new int[] {period}, horizon,
                adjusted -> Arima.fit(adjusted, 1, order).forecast(horizon));
    }

    /** The order the stepwise search chooses on {@code y} adjusted by STL, the search within {@code limit}. */
    public static ArimaOrder order(double[] y, int period, Duration limit) {
        return Arima.select(StlEts.adjusted(y, period), 1, limit).order();
    }
}
