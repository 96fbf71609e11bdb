package dev.tsforge.training;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.statistics.Gaps;
import java.time.Duration;
import java.util.List;

/**
 * The ETS form (on the recent window) and ARIMA order (on the whole run; STL_ARIMA's on the window adjusted by
 * STL) chosen again on the training part, each at most once however many final specs ask (the winner and its
 * fallback), the ARIMA searches within a time limit.
 */
final class FinalChoices {

    private final double[] window;
    private final double[] arimaWindow;
    private final int seasonalPeriod;
    private final long deadline;
    private String etsForm;
    private String arimaOrder;
    private boolean etsChosen;
    private boolean arimaChosen;
    private String stlArimaOrder;
    private boolean stlArimaChosen;

    /** @param deadline {@link System#nanoTime()} after which the ARIMA search visits no new model */
    FinalChoices(List<double[]> runs, int lookback, int arimaLookback, int seasonalPeriod, long deadline) {
        double[] last = runs.get(runs.size() - 1);
        this.window = Gaps.lastFilled(last, last.length, lookback);
        this.arimaWindow = Gaps.lastFilled(last, last.length, arimaLookback);
        this.seasonalPeriod = seasonalPeriod;
        this.deadline = deadline;
    }

    /** A statistical spec with its form and order chosen again (kept where none fits now); others as they are. */
    ModelSpec refit(ModelSpec spec) {
        if (!(spec instanceof StatisticalSpec statistical)
                || (statistical.etsForm() == null && statistical.arimaOrder() == null)) {
            return spec;
        }
        String form = statistical.etsForm() == null ? null : etsForm();
        String order = statistical.arimaOrder() == null ? null
                : statistical.methods().contains(Method.STL_ARIMA) ? stlArimaOrder() : arimaOrder();
        return new StatisticalSpec(statistical.methods(), form == null ? statistical.etsForm() : form,
                order == null ? statistical.arimaOrder() : order, statistical.window(),
                statistical.arimaLookback());
    }

    /** The ETS form AICc chooses on the window, or null when none fits it. */
    String etsForm() {
        if (!etsChosen) {
            etsForm = StatisticalCandidates.etsForm(window, period(window));
            etsChosen = true;
        }
        return etsForm;
    }

    /** The ARIMA order the search chooses on the run, or null when none fits it. */
    String arimaOrder() {
        if (!arimaChosen) {
            arimaOrder = StatisticalCandidates.arimaOrder(arimaWindow, period(arimaWindow),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            arimaChosen = true;
        }
        return arimaOrder;
    }

    /** The ARIMA order the search chooses on the window seasonally adjusted by STL, or null when none fits it. */
    String stlArimaOrder() {
        if (!stlArimaChosen) {
            stlArimaOrder = StatisticalCandidates.stlArimaOrder(window, seasonalPeriod,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            stlArimaChosen = true;
        }
        return stlArimaOrder;
    }

    private int period(double[] values) {
        return seasonalPeriod < values.length ? seasonalPeriod : 1;
    }
}
