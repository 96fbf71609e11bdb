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

    /** {@code temp:KNOWN_FUTURE}, as artifacts and stored specs write it. */
    public String written() {
        return name + ":" + kind;
    }

    public static SeriesCovariate parse(String written) {
        int colon = written.lastIndexOf(':');
        return new SeriesCovariate(written.substring(0, colon), CovariateKind.valueOf(written.substring(colon + 1)));
    }
}
