package dev.tsforge.model.internal.network;

import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.StaticLabel;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.internal.covariate.CovariateColumns;
import dev.tsforge.series.Frequency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a network's covariates sit in its windows: each input step carries the value at its time and the known-future
 * covariates {@code outputSteps} steps later. The last input step then carries those of the last step the pass
 * forecasts (the next step of a RECURSIVE network; for a DIRECT one the window's last {@code horizon} steps carry the
 * horizon's), so the network sees the calendar of what it predicts, not only of what it has read. Past-only covariate
 * series sit at their own time: the last input step carries the origin's value, and nothing after the origin is read.
 * Rows the windows never read are left zero and never looked up, so a covariate need not extend past what is read.
 */
final class CovariateLead {

    private CovariateLead() {
    }

    /** Per training segment, the covariates each of its steps carries ({@code [length][width]} flattened). */
    static List<float[]> training(CovariateColumns columns, List<double[]> segments, Timeline timeline, int lookback,
            int outputSteps) {
        if (timeline == null || timeline.firsts().size() != segments.size()) {
            throw new IllegalArgumentException("A network with covariates trains on segments with timestamps: got "
                    + (timeline == null ? "none" : timeline.firsts().size() + " for " + segments.size()
                    + " segments"));
        }
        Missing missing = new Missing();
        List<float[]> rows = new ArrayList<>(segments.size());
        for (int s = 0; s < segments.size(); s++) {
            int length = segments.get(s).length;
            Instant first = timeline.firsts().get(s);
            float[] segmentRows = widened(columns, columns.at(timeline.grid(),
                    timeline.grid().plus(first, outputSteps), length), length);
            // a window reads input rows [start, start + lookback) with start + lookback + outputSteps <= length
            int read = length >= lookback + outputSteps ? length - outputSteps : 0;
            fillSeries(columns, timeline.covariatesOf(s), timeline.grid(), first, null, read, outputSteps,
                    segmentRows, missing);
            fillLabels(columns, timeline.covariatesOf(s), length, segmentRows);
            rows.add(segmentRows);
        }
        missing.check("the training range lacks covariate values");
        return rows;
    }

    /**
     * The covariates each value of a forecast's roll-out carries: the {@code lookback} last values of the history,
     * then the {@code horizon} (and one pass's spare {@code outputSteps}) forecast ones.
     *
     * @throws IllegalArgumentException   when the history has no timestamps to compute them from
     * @throws MissingCovariatesException naming the covariate values the passes read and the history lacks, or a
     *                                    past-only covariate's values after the origin (which a multi-pass roll-out
     *                                    would read)
     */
    static float[] forecast(CovariateColumns columns, History history, int lookback, int horizon, int outputSteps) {
        int count = lookback + horizon + outputSteps;
        if (columns.covariates().labelOffset() == 0) {
            // labels alone: constant along the series, so values sent without timestamps forecast too
            float[] rows = new float[count * columns.width()];
            fillLabels(columns, history.covariates(), count, rows);
            return rows;
        }
        if (!history.timed()) {
            throw new IllegalArgumentException("This model reads covariates " + columns.covariates().columns()
                    + ", which need timestamps: the forecast needs the time of the last value and the series' grid");
        }
        Frequency grid = history.grid();
        Instant first = grid.plus(history.last(), 1L - lookback);
        float[] rows = widened(columns, columns.at(grid, grid.plus(first, outputSteps), count), count);
        // the passes start at 0, outputSteps, ... below horizon, and each reads lookback rows
        int lastPass = (horizon - 1) / outputSteps * outputSteps;
        Missing missing = new Missing();
        fillSeries(columns, history.covariates(), grid, first, history.last(), lastPass + lookback, outputSteps, rows,
                missing);
        fillLabels(columns, history.covariates(), count, rows);
        missing.check("the forecast reads covariate values it was not given (stored or sent)");
        return rows;
    }

    /** Computed columns {@code [count][computed]} widened to {@code [count][width]}, the series' columns zero. */
    private static float[] widened(CovariateColumns columns, float[] computed, int count) {
        int width = columns.width();
        int computedWidth = columns.covariates().computedWidth();
        if (width == computedWidth) {
            return computed;
        }
        float[] rows = new float[count * width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(computed, i * computedWidth, rows, i * width, computedWidth);
        }
        return rows;
    }

    /**
     * Writes the stored series' columns of rows {@code [0, read)}, row {@code i} being the input step at
     * {@code first + i}.
     *
     * @param origin the last time a past-only covariate may be read at; null in training, where all of it is past
     */
    private static void fillSeries(CovariateColumns columns, CovariateValues values, Frequency grid, Instant first,
            Instant origin, int read, int outputSteps, float[] rows, Missing missing) {
        List<SeriesCovariate> series = columns.covariates().series();
        int width = columns.width();
        int offset = columns.covariates().computedWidth();
        for (int c = 0; c < series.size(); c++) {
            SeriesCovariate covariate = series.get(c);
            boolean knownFuture = covariate.kind() == CovariateKind.KNOWN_FUTURE;
            for (int i = 0; i < read; i++) {
                Instant at = grid.plus(first, knownFuture ? i + outputSteps : i);
                if (!knownFuture && origin != null && at.isAfter(origin)) {
                    throw new MissingCovariatesException("past-only covariate '" + covariate.name() + "' is known "
                            + "up to the origin " + origin + " only, and a horizon beyond one pass of "
                            + outputSteps + " steps would read it after that", Map.of(covariate.name(), List.of(at)));
                }
                Double value = values.at(covariate.name(), at);
                if (value == null) {
                    missing.add(covariate.name(), at);
                } else {
                    rows[i * width + offset + c] = value.floatValue();
                }
            }
        }
    }

    /**
     * Sets, in every one of {@code count} rows, each label's slot of the series' value (its "other" slot for a value
     * the training never saw or a series without the key): the label never changes along a series.
     */
    private static void fillLabels(CovariateColumns columns, CovariateValues values, int count, float[] rows) {
        List<StaticLabel> labels = columns.covariates().labels();
        if (labels.isEmpty()) {
            return;
        }
        int width = columns.width();
        int[] set = new int[labels.size()];
        int offset = columns.covariates().labelOffset();
        for (int l = 0; l < labels.size(); l++) {
            StaticLabel label = labels.get(l);
            set[l] = offset + label.slot(values.labels().get(label.key()));
            offset += label.values().size() + 1;
        }
        for (int i = 0; i < count; i++) {
            for (int column : set) {
                rows[i * width + column] = 1f;
            }
        }
    }

    /** The first missing timestamps of each covariate, in the order they were met. */
    private static final class Missing {

        private final Map<String, List<Instant>> byName = new LinkedHashMap<>();

        void add(String name, Instant at) {
            List<Instant> list = byName.computeIfAbsent(name, n -> new ArrayList<>());
            if (list.size() < MissingCovariatesException.NAMED) {
                list.add(at);
            }
        }

        void check(String context) {
            if (!byName.isEmpty()) {
                throw new MissingCovariatesException(context, byName);
            }
        }
    }
}
