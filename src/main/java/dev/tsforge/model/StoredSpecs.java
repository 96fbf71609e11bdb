package dev.tsforge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.series.GapPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Specs as the service stores them in its own tables ({@code training_job.spec}, {@code model_version.spec}): the
 * flat fields a network spec always had, plus a {@code kind} discriminator and a statistical model's methods. Rows
 * written before the discriminator existed have none; they are networks, or the Theta method when their
 * {@code architecture} says {@code THETA}. Rows of kind {@code THETA} (before other statistical methods) are the
 * Theta method.
 */
public final class StoredSpecs {

    static final String NETWORK = "NETWORK";
    static final String STATISTICAL = "STATISTICAL";
    private static final String THETA = "THETA";

    private StoredSpecs() {
    }

    /** The flat row; every field optional so that a kind stores only what it has. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(String kind, String architecture, List<Integer> hiddenSizes, Boolean bidirectional,
            CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, Double learningRate,
            Integer batchSize, Integer epochs, Double dropout, Double l2, GradientClipping gradientClipping,
            Double gradientClipThreshold, Normalization normalization, Integer lookback, Integer horizon,
            OutputStrategy strategy, Double validationFraction, Integer earlyStoppingPatience, Long seed,
            GapPolicy gapPolicy, List<StatisticalSpec.Method> methods, String etsForm, String arimaOrder,
            Rollout rollout, List<CalendarFeature> calendar, String holidays, List<String> covariateSeries,
            Map<String, List<String>> labels, Integer arimaLookback) {
    }

    public static String write(JsonMapper json, ModelSpec spec) {
        WindowSpec w = spec.window();
        Stored stored = spec.match(
                n -> new Stored(NETWORK, n.architecture().name(), n.hiddenSizes(), n.bidirectional(),
                        n.activation(), n.weightInit(), n.optimizer(), n.learningRate(), n.batchSize(), n.epochs(),
                        n.dropout(), n.l2(), n.gradientClipping(), n.gradientClipThreshold(), n.normalization(),
                        w.lookback(), w.horizon(), w.strategy(), n.validationFraction(), n.earlyStoppingPatience(),
                        w.seed(), w.gapPolicy(), null, null, null,
                        // SLIDING is what a row without one means: rows stay as they were before roll-outs
                        n.rollout() == Rollout.SLIDING ? null : n.rollout(),
                        // none is what a row without them means: rows stay as they were before covariates
                        n.covariates().calendar().isEmpty() ? null : n.covariates().calendar(),
                        n.covariates().holidays(),
                        n.covariates().series().isEmpty() ? null : n.covariates().series().stream()
                                .map(SeriesCovariate::written).toList(),
                        n.covariates().labels().isEmpty() ? null : labels(n.covariates().labels()), null),
                s -> new Stored(STATISTICAL, s.architectureName(), null, null, null, null, null, null, null, null,
                        null, null, null, null, null, w.lookback(), w.horizon(), w.strategy(), null, null, w.seed(),
                        w.gapPolicy(), s.methods(), s.etsForm(), s.arimaOrder(), null, null, null, null, null,
                        // none is what a row without one means: rows stay as they were before ARIMA read more
                        s.arimaLookback()));
        return json.writeValueAsString(stored);
    }

    /** Label keys in the network's order, each with the values it was trained on (none before training). */
    private static Map<String, List<String>> labels(List<StaticLabel> labels) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        labels.forEach(label -> byKey.put(label.key(), label.values()));
        return byKey;
    }

    /** @throws IllegalStateException when the row is not a spec this build knows */
    public static ModelSpec read(JsonMapper json, String text) {
        Stored s = json.readValue(text, Stored.class);
        String kind = s.kind() != null ? s.kind() : THETA.equals(s.architecture()) ? THETA : NETWORK;
        // rows from before gap policies were stored have none: they were trained with SPLIT
        WindowSpec window = new WindowSpec(s.lookback(), s.horizon(), s.strategy(),
                s.gapPolicy() == null ? GapPolicy.SPLIT : s.gapPolicy(), s.seed());
        return switch (kind) {
            case THETA -> new StatisticalSpec(List.of(StatisticalSpec.Method.THETA), null, null, window);
            case STATISTICAL -> new StatisticalSpec(s.methods(), s.etsForm(), s.arimaOrder(), window,
                    s.arimaLookback());
            case NETWORK -> new NetworkSpec(Architecture.valueOf(s.architecture()), s.hiddenSizes(),
                    s.bidirectional(), s.activation(), s.weightInit(), s.optimizer(), s.learningRate(), s.batchSize(),
                    s.epochs(), s.dropout(), s.l2(), s.gradientClipping(), s.gradientClipThreshold(),
                    s.normalization(), s.validationFraction(), s.earlyStoppingPatience(), window, s.rollout(),
                    new Covariates(s.calendar(), s.holidays(), s.covariateSeries() == null ? List.of()
                            : s.covariateSeries().stream().map(SeriesCovariate::parse).toList(),
                            s.labels() == null ? List.of() : s.labels().entrySet().stream()
                                    .map(e -> new StaticLabel(e.getKey(), e.getValue())).toList()));
            default -> throw new IllegalStateException("stored spec of unknown kind " + kind);
        };
    }
}
