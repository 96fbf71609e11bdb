package dev.tsforge.forecasting;

import dev.tsforge.model.CovariateValues;
import dev.tsforge.series.Frequency;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Covariate values sent with a forecast, by name, as arrays on the grid: {@code future} from the first forecast step
 * on (the horizon; a DIRECT model reads its whole pass), {@code history} alongside the sent {@code values} of an
 * ad-hoc forecast (its last entry at {@code lastTimestamp}). A null entry is not sent: a stored value fills it, if any.
 */
public record SentCovariates(Map<String, List<Double>> future, Map<String, List<Double>> history,
        Map<String, String> labels, boolean complete) {

    public static final SentCovariates NONE = new SentCovariates(null, null, null);

    /**
     * @param labels   the series' labels, for a global model that reads them (a series sent as values has no others)
     * @param complete the sent values are all there are: nothing stored fills them in (a request without timestamps,
     *                 whose arrays are laid on the grid at an origin of the service's choosing, must not meet stored
     *                 values that happen to lie there)
     */
    public SentCovariates {
        future = future == null ? Map.of() : future;
        history = history == null ? Map.of() : history;
        labels = labels == null ? Map.of() : labels;
    }

    public SentCovariates(Map<String, List<Double>> future, Map<String, List<Double>> history,
            Map<String, String> labels) {
        this(future, history, labels, false);
    }

    public SentCovariates(Map<String, List<Double>> future, Map<String, List<Double>> history) {
        this(future, history, null);
    }

    /** Values that are all the forecast reads: no stored value fills a step they lack. */
    static SentCovariates only(Map<String, List<Double>> future, Map<String, List<Double>> history) {
        return new SentCovariates(future, history, null, true);
    }

    /** Every name sent, in either field. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(future.keySet());
        names.addAll(history.keySet());
        return names;
    }

    public boolean isEmpty() {
        return future.isEmpty() && history.isEmpty() && labels.isEmpty();
    }

    /**
     * The sent values by timestamp, for a forecast whose origin (last input) is {@code last}.
     *
     * @throws ApiProblemException 400 for a value that is not finite
     */
    CovariateValues at(Frequency grid, Instant last) {
        Map<String, Map<Instant, Double>> byName = new HashMap<>();
        future.forEach((name, values) -> put(byName, "covariates", name, values, grid, grid.plus(last, 1)));
        history.forEach((name, values) -> put(byName, "covariateHistory", name, values, grid,
                grid.plus(last, 1L - values.size())));
        return new CovariateValues(byName, labels);
    }

    private static void put(Map<String, Map<Instant, Double>> byName, String field, String name, List<Double> values,
            Frequency grid, Instant first) {
        if (values == null) {
            return;
        }
        Map<Instant, Double> byTime = byName.computeIfAbsent(name, n -> new HashMap<>());
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            if (value == null) {
                continue;
            }
            if (!Double.isFinite(value)) {
                throw ApiProblemException.invalidField(field + "." + name, "value " + i + " is not a finite number");
            }
            byTime.put(grid.plus(first, i), value);
        }
    }
}
