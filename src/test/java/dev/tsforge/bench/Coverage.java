package dev.tsforge.bench;

import java.util.List;

/**
 * How often actual values fell inside the service's 80 % and 95 % intervals over a series' rolling origins, the
 * winner's spec refitted at each; or why it was not measured.
 *
 * @param actuals values checked: folds times horizon (the backtest fills gaps under the LINEAR policy, so every
 *                step has a value)
 * @param at80    share inside the 80 % interval; NaN when not measured or the model gives no interval
 * @param seconds the backtest job's time from RUNNING to SUCCEEDED
 * @param note    why it was not measured, else null
 */
record Coverage(String series, String group, int folds, int step, int actuals, double at80, double at95,
        double seconds, String note) {

    static Coverage skipped(BenchSeries series, String why) {
        return new Coverage(series.name(), series.group(), 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, why);
    }

    boolean measured() {
        return actuals > 0 && !Double.isNaN(at80) && !Double.isNaN(at95);
    }

    /** Coverage pooled over series: every checked actual value weighs the same, whatever its series. */
    record Pooled(int series, int actuals, double at80, double at95) {

        static Pooled of(List<Coverage> coverages) {
            List<Coverage> measured = coverages.stream().filter(Coverage::measured).toList();
            int actuals = measured.stream().mapToInt(Coverage::actuals).sum();
            double inside80 = measured.stream().mapToDouble(c -> c.at80() * c.actuals()).sum();
            double inside95 = measured.stream().mapToDouble(c -> c.at95() * c.actuals()).sum();
            return new Pooled(measured.size(), actuals, actuals == 0 ? Double.NaN : inside80 / actuals,
                    actuals == 0 ? Double.NaN : inside95 / actuals);
        }
    }
}
