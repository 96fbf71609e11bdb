package dev.tsforge.forecasting;

import dev.tsforge.covariate.CovariateProblems;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.forecasting.ForecastInputs.Prepared;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Frequency;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The covariate series a forecast's model reads, over its window and horizon: stored values of the model's series with
 * the request's laid over them, checked before the forecast so that one caller's missing values never fail a batch
 * (or a coalesced pass) it shares with others.
 */
@Component
class ForecastCovariates {

    private final CovariateService covariates;
    private final PredictorCache predictors;

    ForecastCovariates(CovariateService covariates, PredictorCache predictors) {
        this.covariates = covariates;
        this.predictors = predictors;
    }

    /**
     * {@code prepared} with the values of the covariate series its model reads, over its window and horizon: the
     * stored ones of the model's series, the sent ones winning.
     *
     * @throws ApiProblemException 400 covariates sent to a model that reads none, or without lastTimestamp; 422
     *                             naming the covariates and timestamps the forecast would read and nobody gave
     */
    Prepared attach(Prepared prepared, SentCovariates sent) {
        ModelVersion model = prepared.model();
        List<String> names = model.spec() instanceof NetworkSpec network
                ? network.covariates().series().stream().map(SeriesCovariate::name).toList() : List.of();
        if (names.isEmpty()) {
            if (!sent.isEmpty()) {
                throw ApiProblemException.invalidField("covariates", "model " + model.id() + " reads no covariate "
                        + "series");
            }
            return prepared;
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
        CovariateValues stored = model.global() ? CovariateValues.NONE : covariates.values(model.seriesId(), names,
                grid.plus(last, -(model.spec().lookback() + steps)), grid.plus(last, prepared.horizon() + steps));
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
