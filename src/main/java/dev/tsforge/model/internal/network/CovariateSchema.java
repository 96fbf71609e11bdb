package dev.tsforge.model.internal.network;

import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.StaticLabel;
import java.util.List;
import java.util.Properties;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * The covariate schema an artifact carries beside its spec: the name, kind and scaling (fitted on the training
 * windows only) of each input after the value, in the order the network reads them; a label's slot also says which
 * value sets it. The normaliser inside the model does the scaling; the schema says in words what it is, and lets a
 * loader check that the network reads as many inputs as the spec names. An artifact without one reads the value alone,
 * as all did before covariates.
 */
final class CovariateSchema {

    static final String COLUMNS = "covariates.columns";
    private static final String PREFIX = "covariates.";

    private CovariateSchema() {
    }

    static Properties addTo(Properties metadata, Covariates covariates, DataNormalization normalizer,
            int outputSteps) {
        if (covariates.isEmpty()) {
            return metadata;
        }
        List<String> columns = covariates.columns();
        metadata.setProperty(COLUMNS, String.join(",", columns));
        WindowScaling scaling = WindowScaling.of(normalizer, 1 + columns.size(), outputSteps).orElse(null);
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            metadata.setProperty(PREFIX + name + ".kind", kind(covariates, c));
            if (c >= covariates.labelOffset()) {
                metadata.setProperty(PREFIX + name + ".value", labelValue(covariates, c));
            }
            if (scaling != null) {
                metadata.setProperty(PREFIX + name + ".center", String.valueOf(scaling.featureCenter()[1 + c]));
                metadata.setProperty(PREFIX + name + ".scale", String.valueOf(scaling.featureScale()[1 + c]));
            }
        }
        return metadata;
    }

    /** What column {@code c} is: computed from the timestamp (so known for any future step), or a stored series. */
    private static String kind(Covariates covariates, int c) {
        int computed = covariates.computedWidth();
        if (c >= covariates.labelOffset()) {
            return "label, static";
        }
        if (c >= computed) {
            return "series, " + (covariates.series().get(c - computed).kind() == CovariateKind.PAST_ONLY
                    ? "past-only" : "known-future");
        }
        return (covariates.computedColumns().get(c).contains("holiday") ? "holiday" : "calendar") + ", known-future";
    }

    /** The label value (or "other") that sets column {@code c}, one of the labels' slots. */
    private static String labelValue(Covariates covariates, int c) {
        int slot = c - covariates.labelOffset();
        for (StaticLabel label : covariates.labels()) {
            if (slot <= label.values().size()) {
                return label.key() + "=" + (slot < label.values().size() ? label.values().get(slot)
                        : "(" + StaticLabel.OTHER + ")");
            }
            slot -= label.values().size() + 1;
        }
        throw new IllegalArgumentException("column " + c + " is no label's");
    }

    /** The number of covariate inputs an artifact's schema names: 0 for one without covariates. */
    static int width(Properties metadata) {
        String columns = metadata.getProperty(COLUMNS);
        return columns == null || columns.isBlank() ? 0 : columns.split(",").length;
    }
}
