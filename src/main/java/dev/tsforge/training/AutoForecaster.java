package dev.tsforge.training;

import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.evaluation.PlausibleRange;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.WindowSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * AUTO's forecast from one history, for callers that score it rather than register it (a panel backtest's local
 * side): the search an AUTO training job runs, with its candidates, rules and budget, on all the values given (there
 * is no holdout to keep: the caller holds the actual values back), then the winner's forecast from their end. As a
 * served forecast would be, it is replaced by the fallback's where it leaves the plausible range, and kept at or
 * above zero for a series that never went below. Nothing is registered; the winner's file is deleted.
 */
@Component
public class AutoForecaster {

    private final AutoSearch search;

    AutoForecaster(AutoSearch search) {
        this.search = search;
    }

    /**
     * @param winner    the spec AUTO chose, as its architecture names it ({@code ETS(AAN)}, {@code LSTM}, ...)
     * @param fellBack  whether the winner's forecast left the plausible range and the fallback's was taken
     */
    public record Forecast(String winner, double[] values, boolean fellBack) {
    }

    /**
     * @param history      gap-free values, oldest first
     * @param weeklySeason a week is a season too (see {@link dev.tsforge.series.Series#weeklySeason()})
     * @param listener     the job's: a cancel stops the search at the end of an epoch
     * @param artifact     where the winner's file may go while it forecasts
     * @throws dev.tsforge.model.InsufficientDataException when the history cannot spare a validation origin
     */
    public Forecast forecast(double[] history, int seasonalPeriod, boolean weeklySeason, boolean nonNegative,
            int horizon, long seed, int budgetSeconds, EpochListener listener, Path artifact) {
        // the template an AUTO training job holds until its search has a winner
        ModelSpec template = AutoSearch.networks(seasonalPeriod, horizon, history.length, seed,
                WindowSpec.DEFAULT_GAP_POLICY).get(0);
        try {
            HoldoutSplit all = new HoldoutSplit(List.of(history), history, new double[0]);
            AutoSearch.Result result = search.search(all, seasonalPeriod, weeklySeason, nonNegative, budgetSeconds,
                    template, listener, artifact);
            double[] values = result.outcome().predictor().forecast(History.of(history), horizon);
            boolean fellBack = PlausibleRange.of(history, nonNegative).violation(values) != null;
            if (fellBack) {
                values = ModelTrainer.statistical(result.fallback(), seasonalPeriod).forecast(History.of(history),
                        horizon);
            }
            if (nonNegative) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.max(0, values[i]);
                }
            }
            return new Forecast(result.winner().architectureName(), values, fellBack);
        } finally {
            try {
                Files.deleteIfExists(artifact);
            } catch (IOException ignored) {
                // a stray file under the model directory is never read as a model: none is registered with it
            }
        }
    }
}
