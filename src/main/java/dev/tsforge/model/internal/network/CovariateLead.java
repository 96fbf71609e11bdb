package dev.tsforge.model.internal.network;

import dev.tsforge.model.History;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.internal.covariate.CovariateColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a network's covariates sit in its windows: each input step carries the value at its time and the covariates
 * {@code outputSteps} steps later. The last input step then carries those of the last step the pass forecasts (the
 * next step of a RECURSIVE network; for a DIRECT one the window's last {@code horizon} steps carry the horizon's), so
 * the network sees the calendar of what it predicts, not only of what it has read. Known-future covariates only:
 * past-only ones would sit at their own time.
 */
final class CovariateLead {

    private CovariateLead() {
    }

    /** Per training segment, the covariates each of its steps carries ({@code [length][width]} flattened). */
    static List<float[]> training(CovariateColumns columns, List<double[]> segments, Timeline timeline,
            int outputSteps) {
        if (timeline == null || timeline.firsts().size() != segments.size()) {
            throw new IllegalArgumentException("A network with covariates trains on segments with timestamps: got "
                    + (timeline == null ? "none" : timeline.firsts().size() + " for " + segments.size()
                    + " segments"));
        }
        List<float[]> rows = new ArrayList<>(segments.size());
        for (int s = 0; s < segments.size(); s++) {
            rows.add(columns.at(timeline.grid(), timeline.grid().plus(timeline.firsts().get(s), outputSteps),
                    segments.get(s).length));
        }
        return rows;
    }

    /**
     * The covariates each value of a forecast's roll-out carries: the {@code lookback} last values of the history,
     * then the {@code horizon} (and one pass's spare {@code outputSteps}) forecast ones.
     *
     * @throws IllegalArgumentException when the history has no timestamps to compute them from
     */
    static float[] forecast(CovariateColumns columns, History history, int lookback, int horizon, int outputSteps) {
        if (!history.timed()) {
            throw new IllegalArgumentException("This model reads calendar covariates, which are computed from "
                    + "timestamps: the forecast needs the time of the last value and the series' grid");
        }
        return columns.at(history.grid(), history.grid().plus(history.last(), 1L - lookback + outputSteps),
                lookback + horizon + outputSteps);
    }
}
