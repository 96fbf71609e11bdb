package dev.tsforge.forecasting;

import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Exogenous variables sent as Nixtla's TimeGPT API sends them, split into each series' covariate values: {@code X}
 * one row per variable, each the concatenation over the series like {@code y}; {@code X_future} one row per variable
 * known ahead, {@code h} values per series, concatenated. Nixtla's rows carry no names, and its client puts the
 * variables known ahead (those in {@code X_future}) first in {@code X}, the historical ones after, so the rows are
 * matched by position: the model's known-future covariate series in its schema's order, then its past-only ones.
 */
final class ConcatenatedCovariates {

    private ConcatenatedCovariates() {
    }

    /** The model's covariate series in the order the rows of {@code X} stand for them. */
    static List<SeriesCovariate> order(ModelVersion model) {
        Covariates read = model.spec() instanceof NetworkSpec network ? network.covariates() : Covariates.NONE;
        return Stream.concat(read.series(CovariateKind.KNOWN_FUTURE).stream(),
                read.series(CovariateKind.PAST_ONLY).stream()).toList();
    }

    /**
     * Each series' covariate values, complete ({@link SentCovariates#complete()}): nothing stored fills them, since
     * the request's arrays have no timestamps to match stored ones by.
     *
     * @param sizes the series' sizes, checked against {@code y}
     * @return per series, in order; {@link SentCovariates#NONE} for each when the model reads no covariate series
     * @throws ApiProblemException 422 {@code model-not-usable} for variables sent to a model that reads none;
     *                             422 {@code missing-covariates} when the model reads variables that are not sent, or
     *                             reads more of them ahead than {@code h} per series; 400 naming the field, the row
     *                             ({@code feature}) and where it can the series ({@code seriesIndex}) for rows of the
     *                             wrong number or length, or a null value
     */
    static List<SentCovariates> split(ModelVersion model, List<Integer> sizes, int h, List<List<Double>> x,
            List<List<Double>> xFuture) {
        List<SeriesCovariate> order = order(model);
        List<SeriesCovariate> ahead = order.stream().filter(c -> c.kind() == CovariateKind.KNOWN_FUTURE).toList();
        boolean sentX = x != null && !x.isEmpty();
        boolean sentFuture = xFuture != null && !xFuture.isEmpty();
        if (order.isEmpty()) {
            if (sentX || sentFuture) {
                throw new ApiProblemException(ProblemType.MODEL_NOT_USABLE, "Model " + model.id() + " reads no "
                        + "exogenous variables: send series without X and X_future",
                        Map.of("field", sentX ? "series.X" : "series.X_future"));
            }
            return sizes.stream().map(size -> SentCovariates.NONE).toList();
        }
        List<String> names = order.stream().map(SeriesCovariate::name).toList();
        if (!sentX || (!ahead.isEmpty() && !sentFuture)) {
            String field = sentX ? "series.X_future" : "series.X";
            throw new ApiProblemException(ProblemType.MISSING_COVARIATES, "Model " + model.id() + " reads the "
                    + "exogenous variables " + names + " (the rows of X in this order" + (ahead.isEmpty() ? ""
                    : "; X_future the first " + ahead.size()) + "): send " + field, Map.of("field", field,
                    "covariates", names));
        }
        checkPasses(model, order, ahead, h);
        rows("series.X", x, order.size(), names, sizes.stream().mapToInt(Integer::intValue).toArray());
        if (sentFuture) {
            int[] horizons = sizes.stream().mapToInt(size -> h).toArray();
            rows("series.X_future", xFuture, ahead.size(), ahead.stream().map(SeriesCovariate::name).toList(),
                    horizons);
        }
        List<SentCovariates> split = new ArrayList<>(sizes.size());
        int from = 0;
        for (int s = 0; s < sizes.size(); s++) {
            int size = sizes.get(s);
            Map<String, List<Double>> history = new LinkedHashMap<>();
            Map<String, List<Double>> future = new LinkedHashMap<>();
            for (int f = 0; f < order.size(); f++) {
                history.put(names.get(f), x.get(f).subList(from, from + size));
            }
            for (int f = 0; f < ahead.size(); f++) {
                future.put(names.get(f), xFuture.get(f).subList(s * h, (s + 1) * h));
            }
            split.add(SentCovariates.only(future, history));
            from += size;
        }
        return split;
    }

    /**
     * A DIRECT model forecasts in passes of {@code outputSteps} and reads its known-future variables over whole
     * passes, and a past-only one only within the first pass; {@code X_future} holds {@code h} per series.
     */
    private static void checkPasses(ModelVersion model, List<SeriesCovariate> order, List<SeriesCovariate> ahead,
            int h) {
        int steps = model.spec().outputSteps();
        int read = ((h - 1) / steps + 1) * steps;
        if (!ahead.isEmpty() && read > h) {
            throw new ApiProblemException(ProblemType.MISSING_COVARIATES, "Model " + model.id() + " forecasts "
                    + steps + " steps a pass and reads the values ahead of its whole passes, " + read + " per series "
                    + "for h " + h + "; X_future holds h per series: ask for a multiple of " + steps,
                    Map.of("field", "series.X_future", "covariates", ahead.stream().map(SeriesCovariate::name)
                            .toList()));
        }
        List<String> pastOnly = order.stream().filter(c -> c.kind() == CovariateKind.PAST_ONLY)
                .map(SeriesCovariate::name).toList();
        if (!pastOnly.isEmpty() && h > steps) {
            throw new ApiProblemException(ProblemType.MISSING_COVARIATES, "Model " + model.id() + " reads the "
                    + "historical variables " + pastOnly + " up to the origin only, and a horizon beyond one pass of "
                    + steps + " steps would read them after it: ask for h up to " + steps,
                    Map.of("field", "series.X", "covariates", pastOnly));
        }
    }

    /**
     * @param lengths each series' share of a row, in order
     * @throws ApiProblemException 400 naming {@code field}, the row and the first series a row does not fit
     */
    private static void rows(String field, List<List<Double>> rows, int count, List<String> names, int[] lengths) {
        if (rows.size() != count) {
            throw ApiProblemException.invalidField(field, "the model reads " + count + " variable(s) " + names
                    + " here, in this order; got " + rows.size() + " row(s)");
        }
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        for (int f = 0; f < count; f++) {
            List<Double> row = rows.get(f);
            if (row == null || row.size() != total) {
                int size = row == null ? 0 : row.size();
                int cut = firstCut(lengths, size);
                ApiProblemException wrong = ApiProblemException.invalidField(field, "row " + f + " ('"
                        + names.get(f) + "') holds " + size + " values; the series need " + total + " ("
                        + (field.endsWith("future") ? "h per series" : "as many as y") + ")"
                        + (cut < 0 ? "" : ": series " + cut + " is the first it does not cover"));
                wrong.getBody().setProperty("feature", f);
                if (cut >= 0) {
                    wrong.getBody().setProperty("seriesIndex", cut);
                }
                throw wrong;
            }
            int series = 0;
            int end = lengths.length == 0 ? 0 : lengths[0];
            for (int i = 0; i < total; i++) {
                while (i >= end) {
                    end += lengths[++series];
                }
                if (row.get(i) == null) {
                    ApiProblemException missing = ApiProblemException.invalidField(field, "row " + f + " ('"
                            + names.get(f) + "') has no value at " + i + ", in series " + series);
                    missing.getBody().setProperty("feature", f);
                    missing.getBody().setProperty("seriesIndex", series);
                    throw missing;
                }
            }
        }
    }

    /** The first series a row of {@code size} values does not cover; -1 when it covers them all. */
    private static int firstCut(int[] lengths, int size) {
        int end = 0;
        for (int s = 0; s < lengths.length; s++) {
            end += lengths[s];
            if (end > size) {
                return s;
            }
        }
        return -1;
    }
}
