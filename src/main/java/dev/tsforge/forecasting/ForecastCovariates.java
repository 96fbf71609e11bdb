package dev.tsforge.forecasting;

import dev.tsforge.covariate.CovariateProblems;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.forecasting.ForecastInputs.Prepared;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Frequency;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The covariate series a forecast's model reads, over its window and horizon: stored values of the forecast series
 * (the model's own, or the member a global model forecasts) with the request's laid over them, and the series' labels
 * where a global model reads them; checked before the forecast so that one caller's missing values never fail a batch
 * (or a coalesced pass) it shares with others.
 */
@Component
class ForecastCovariates {

    private final CovariateService covariates;
    private final CollectionService collections;
    private final PredictorCache predictors;

    ForecastCovariates(CovariateService covariates, CollectionService collections, PredictorCache predictors) {
        this.covariates = covariates;
        this.collections = collections;
        this.predictors = predictors;
    }

    /** {@link #attach(Prepared, SentCovariates, Map)}, the series' labels looked up if the model reads them. */
    Prepared attach(Prepared prepared, SentCovariates sent) {
        return attach(prepared, sent, null);
    }

    /**
     * {@code prepared} with the values of the covariate series its model reads, over its window and horizon: the
     * stored ones of the forecast series, the sent ones winning; and, for a model that reads labels, the series'
     * labels (a series sent as values has only the sent ones).
     *
     * @param labels the series' labels when the caller looked them up (a collection's members at once), else null
     * @throws ApiProblemException 400 covariates or labels sent to a model that reads none, or without lastTimestamp;
     *                             422 naming the covariates and timestamps the forecast would read and nobody gave
     */
    Prepared attach(Prepared prepared, SentCovariates sent, Map<String, String> labels) {
        ModelVersion model = prepared.model();
        Covariates read = model.spec() instanceof NetworkSpec network ? network.covariates() : Covariates.NONE;
        List<String> names = read.series().stream().map(SeriesCovariate::name).toList();
        if (!sent.labels().isEmpty() && read.labels().isEmpty()) {
            throw ApiProblemException.invalidField("labels", "model " + model.id() + " reads no labels");
        }
        if (names.isEmpty()) {
            if (!sent.names().isEmpty()) {
                throw ApiProblemException.invalidField("covariates", "model " + model.id() + " reads no covariate "
                        + "series");
            }
            if (read.labels().isEmpty()) {
                return prepared;
            }
        }
        for (String name : sent.names()) {
            if (!names.contains(name)) {
                throw ApiProblemException.invalidField("covariates", "model " + model.id() + " reads covariate "
                        + "series " + names + ", not '" + name + "'");
            }
        }
        History history = prepared.history();
        Frequency grid = history.grid();
        Instant last = history.last();
        int steps = model.spec().outputSteps();
        // a global model reads the covariates of the member it forecasts; values sent alone have no stored ones
        Long seriesId = model.global() ? prepared.seriesId() : Long.valueOf(model.seriesId());
        CovariateValues stored = seriesId == null || names.isEmpty() || sent.complete() ? CovariateValues.NONE
                : covariates.values(seriesId, names, grid.plus(last, -(model.spec().lookback() + steps)),
                        grid.plus(last, prepared.horizon() + steps));
        if (!read.labels().isEmpty() && prepared.seriesId() != null) {
            stored = stored.withLabels(labels != null ? labels
                    : collections.labels(List.of(prepared.seriesId())).getOrDefault(prepared.seriesId(), Map.of()));
        }
        History covered = history.with(stored.overriddenBy(sent.at(grid, last)));
        try {
            predictors.get(model).requireCovariates(covered, prepared.horizon());
        } catch (MissingCovariatesException e) {
            throw CovariateProblems.missing(e);
        }
        return new Prepared(prepared.seriesId(), model, prepared.series(), covered, prepared.horizon(),
                prepared.levels(), prepared.input(), prepared.seriesStats());
    }
}
