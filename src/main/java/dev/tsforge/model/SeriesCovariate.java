package dev.tsforge.model;

import java.util.Objects;

/**
 * A stored covariate series a network reads as one input column after the computed ones.
 *
 * @param name the covariate's name on the series or its collection
 * @param kind as declared when the covariate was created; null in a spec not yet resolved against the store (a
 *             request names covariates, the training service looks their kinds up before the spec is queued)
 */
public record SeriesCovariate(String name, CovariateKind kind) {

    public SeriesCovariate {
        Objects.requireNonNull(name, "name");
    }

    /**
     * {@code temp:KNOWN_FUTURE}, as artifacts and stored specs write it; the name alone when the kind is not resolved
     * (a collection run's spec, whose members each read their own).
     */
    public String written() {
        return kind == null ? name : name + ":" + kind;
    }

    public static SeriesCovariate parse(String written) {
        int colon = written.lastIndexOf(':');
        return colon < 0 ? new SeriesCovariate(written, null)
                : new SeriesCovariate(written.substring(0, colon), CovariateKind.valueOf(written.substring(colon + 1)));
    }
}
