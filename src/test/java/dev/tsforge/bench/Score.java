package dev.tsforge.bench;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.IntervalScore;
import dev.tsforge.evaluation.Owa;

/**
 * One method on one series, as the M4 competition scores it.
 *
 * @param owa      against Naive2 on the same series
 * @param coverage share of the holdout inside the 95 % interval; NaN without an interval
 * @param msis     mean scaled interval score at 95 %; NaN without an interval
 */
record Score(String series, String group, String method, double smape, double mase, double owa, double coverage,
        double msis, double seconds) {

    static Score of(BenchSeries series, MethodForecast forecast, Accuracy naive2) {
        double scale = Accuracy.maseScale(series.filledTraining(), series.period());
        Accuracy accuracy = Accuracy.of(series.holdout(), forecast.mean(), scale);
        double coverage = Double.NaN;
        double msis = Double.NaN;
        if (forecast.hasInterval()) {
            IntervalScore interval = IntervalScore.of(series.holdout(), forecast.lower(), forecast.upper(), 95, scale);
            coverage = interval.coverage();
            msis = interval.msis();
        }
        return new Score(series.name(), series.group(), forecast.method(), accuracy.smape(), accuracy.mase(),
                Owa.of(accuracy.smape(), accuracy.mase(), naive2.smape(), naive2.mase()), coverage, msis,
                forecast.seconds());
    }
}
