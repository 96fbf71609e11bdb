package dev.tsforge.forecasting;

import java.time.Instant;
import java.util.List;

/**
 * What to forecast: a series with its champion, a model on its own series, or a model on values sent with the
 * request (nothing is stored then). {@code levels} are interval levels in percent; null means the defaults.
 * {@code covariates} are covariate values sent with the request, which win over stored ones.
 */
public record ForecastQuery(Long seriesId, Long modelId, List<Double> values, Instant lastTimestamp,
        Integer horizon, List<Double> levels, SentCovariates covariates) {

    public ForecastQuery {
        covariates = covariates == null ? SentCovariates.NONE : covariates;
    }

    /** A query without covariate values: they come from the store, if the model reads any. */
    public ForecastQuery(Long seriesId, Long modelId, List<Double> values, Instant lastTimestamp, Integer horizon,
            List<Double> levels) {
        this(seriesId, modelId, values, lastTimestamp, horizon, levels, null);
    }
}
