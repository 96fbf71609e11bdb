package dev.tsforge.forecasting;

import java.util.List;

/**
 * The prediction-interval levels a request may ask for, for features that measure intervals beside forecasts
 * (backtests): the same rules and default as a forecast's, which {@link ForecastService} keeps.
 */
public final class IntervalLevels {

    private IntervalLevels() {
    }

    /**
     * The levels sorted, or the default when null.
     *
     * @throws dev.tsforge.web.ApiProblemException 400 on too many, repeated or out-of-range levels
     */
    public static List<Double> check(List<Double> levels) {
        return ForecastService.checkLevels(levels);
    }
}
