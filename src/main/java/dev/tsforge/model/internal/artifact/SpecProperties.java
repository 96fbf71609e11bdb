package dev.tsforge.model.internal.artifact;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.ArtifactInfo;
import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.StaticLabel;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** The artifact's metadata as plain {@code key=value} text: a spec and what the model reads and emits. */
public final class SpecProperties {

    private static final String PREFIX = "spec.";

    private SpecProperties() {
    }

    public static Properties of(ModelSpec spec, String engine) {
        Properties p = new Properties();
        p.setProperty("format", ArtifactFormat.FORMAT_VERSION);
        p.setProperty("lookback", String.valueOf(spec.lookback()));
        p.setProperty("outputSteps", String.valueOf(spec.outputSteps()));
        p.setProperty("engine", engine);
        p.setProperty(PREFIX + "architecture", spec.architectureName());
        if (spec instanceof NetworkSpec n) {
            p.setProperty(PREFIX + "hiddenSizes", n.hiddenSizes().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
            p.setProperty(PREFIX + "bidirectional", String.valueOf(n.bidirectional()));
            p.setProperty(PREFIX + "activation", n.activation().name());
            p.setProperty(PREFIX + "weightInit", n.weightInit().name());
            p.setProperty(PREFIX + "optimizer", n.optimizer().name());
            p.setProperty(PREFIX + "learningRate", String.valueOf(n.learningRate()));
            p.setProperty(PREFIX + "batchSize", String.valueOf(n.batchSize()));
            p.setProperty(PREFIX + "epochs", String.valueOf(n.epochs()));
            p.setProperty(PREFIX + "dropout", String.valueOf(n.dropout()));
            p.setProperty(PREFIX + "l2", String.valueOf(n.l2()));
            p.setProperty(PREFIX + "gradientClipping", n.gradientClipping().name());
            p.setProperty(PREFIX + "gradientClipThreshold", String.valueOf(n.gradientClipThreshold()));
            p.setProperty(PREFIX + "normalization", n.normalization().name());
            p.setProperty(PREFIX + "validationFraction", String.valueOf(n.validationFraction()));
            p.setProperty(PREFIX + "earlyStoppingPatience", String.valueOf(n.earlyStoppingPatience()));
            // absent means SLIDING, as in every artifact from before roll-outs were a choice
            if (n.rollout() != Rollout.SLIDING) {
                p.setProperty(PREFIX + "rollout", n.rollout().name());
            }
            // absent means none, as in every artifact from before covariates
            if (!n.covariates().calendar().isEmpty()) {
                p.setProperty(PREFIX + "calendar", n.covariates().calendar().stream().map(Enum::name)
                        .collect(Collectors.joining(",")));
            }
            if (n.covariates().holidays() != null) {
                p.setProperty(PREFIX + "holidays", n.covariates().holidays());
            }
            if (!n.covariates().series().isEmpty()) {
                p.setProperty(PREFIX + "covariateSeries", n.covariates().series().stream()
                        .map(SeriesCovariate::written).collect(Collectors.joining(",")));
            }
            if (!n.covariates().labels().isEmpty()) {
                p.setProperty(PREFIX + "labels", n.covariates().labels().stream().map(StaticLabel::key)
                        .collect(Collectors.joining(",")));
                // values may hold any character: each URL-encoded, so that ',' only separates them
                n.covariates().labels().forEach(label -> p.setProperty(PREFIX + "label." + label.key(),
                        label.values().stream().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))
                                .collect(Collectors.joining(","))));
            }
        } else if (spec instanceof StatisticalSpec s) {
            p.setProperty(PREFIX + "methods", s.methods().stream().map(Enum::name).collect(Collectors.joining(",")));
            if (s.etsForm() != null) {
                p.setProperty(PREFIX + "etsForm", s.etsForm());
            }
            if (s.arimaOrder() != null) {
                p.setProperty(PREFIX + "arimaOrder", s.arimaOrder());
            }
            // absent means ARIMA reads the lookback, as in every artifact from before it could read more
            if (s.arimaLookback() != null) {
                p.setProperty(PREFIX + "arimaLookback", s.arimaLookback().toString());
            }
        }
        p.setProperty(PREFIX + "horizon", String.valueOf(spec.horizon()));
        p.setProperty(PREFIX + "strategy", spec.strategy().name());
        p.setProperty(PREFIX + "seed", String.valueOf(spec.seed()));
        p.setProperty(PREFIX + "gapPolicy", spec.gapPolicy().name());
        return p;
    }

    /** A statistical model: one that says which methods it combines, or the Theta method from before it said so. */
    public static boolean isStatistical(Properties metadata) {
        return metadata.getProperty(PREFIX + "methods") != null
                || StatisticalSpec.THETA.equals(metadata.getProperty(PREFIX + "architecture"));
    }

    private static StatisticalSpec statistical(Properties p, WindowSpec window) {
        String methods = p.getProperty(PREFIX + "methods", StatisticalSpec.THETA);
        return new StatisticalSpec(Arrays.stream(methods.split(",")).map(StatisticalSpec.Method::valueOf).toList(),
                p.getProperty(PREFIX + "etsForm"), p.getProperty(PREFIX + "arimaOrder"), window,
                p.getProperty(PREFIX + "arimaLookback") == null ? null
                        : Integer.valueOf(p.getProperty(PREFIX + "arimaLookback")));
    }

    /** @throws InvalidArtifactException when a key is missing or a value does not parse */
    public static ArtifactInfo read(Properties p) {
        try {
            if (!ArtifactFormat.READABLE_VERSIONS.contains(p.getProperty("format"))) {
                throw new InvalidArtifactException("unknown model format " + p.getProperty("format"));
            }
            // artifacts from before gap policies were stored have none: they were trained with SPLIT
            WindowSpec window = new WindowSpec(Integer.parseInt(p.getProperty("lookback")),
                    Integer.parseInt(get(p, "horizon")), OutputStrategy.valueOf(get(p, "strategy")),
                    GapPolicy.valueOf(p.getProperty(PREFIX + "gapPolicy", GapPolicy.SPLIT.name())),
                    Long.parseLong(get(p, "seed")));
            ModelSpec spec = isStatistical(p) ? statistical(p, window) : new NetworkSpec(
                    Architecture.valueOf(get(p, "architecture")),
                    Arrays.stream(get(p, "hiddenSizes").split(",")).map(Integer::valueOf).toList(),
                    Boolean.parseBoolean(get(p, "bidirectional")),
                    CellActivation.valueOf(get(p, "activation")),
                    WeightInitScheme.valueOf(get(p, "weightInit")),
                    Optimizer.valueOf(get(p, "optimizer")),
                    Double.parseDouble(get(p, "learningRate")),
                    Integer.parseInt(get(p, "batchSize")),
                    Integer.parseInt(get(p, "epochs")),
                    Double.parseDouble(get(p, "dropout")),
                    Double.parseDouble(get(p, "l2")),
                    GradientClipping.valueOf(get(p, "gradientClipping")),
                    Double.parseDouble(get(p, "gradientClipThreshold")),
                    Normalization.valueOf(get(p, "normalization")),
                    Double.parseDouble(get(p, "validationFraction")),
                    Integer.parseInt(get(p, "earlyStoppingPatience")),
                    window, Rollout.valueOf(p.getProperty(PREFIX + "rollout", Rollout.SLIDING.name())), covariates(p));
            return new ArtifactInfo(spec, spec.lookback(), Integer.parseInt(p.getProperty("outputSteps")),
                    p.getProperty("engine", "unknown"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidArtifactException("the model metadata is incomplete or malformed (" + e.getMessage() + ")");
        }
    }

    private static Covariates covariates(Properties p) {
        String calendar = p.getProperty(PREFIX + "calendar", "");
        return new Covariates(calendar.isBlank() ? List.of()
                : Arrays.stream(calendar.split(",")).map(CalendarFeature::valueOf).toList(),
                p.getProperty(PREFIX + "holidays"), seriesCovariates(p.getProperty(PREFIX + "covariateSeries", "")),
                labels(p));
    }

    private static List<StaticLabel> labels(Properties p) {
        String keys = p.getProperty(PREFIX + "labels", "");
        return keys.isBlank() ? List.of() : Arrays.stream(keys.split(",")).map(key -> {
            String values = get(p, "label." + key);
            return new StaticLabel(key, values.isEmpty() ? List.of() : Arrays.stream(values.split(","))
                    .map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8)).toList());
        }).toList();
    }

    private static List<SeriesCovariate> seriesCovariates(String written) {
        return written.isBlank() ? List.of() : Arrays.stream(written.split(",")).map(SeriesCovariate::parse).toList();
    }

    private static String get(Properties p, String key) {
        String value = p.getProperty(PREFIX + key);
        if (value == null) {
            throw new InvalidArtifactException("the model metadata lacks " + PREFIX + key);
        }
        return value;
    }
}
