package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.BatchOutcome;
import dev.tsforge.forecasting.CollectionForecasts;
import dev.tsforge.forecasting.ConcatenatedForecasts;
import dev.tsforge.forecasting.Forecast;
import dev.tsforge.series.Series;
import dev.tsforge.web.ApiProblemException;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A collection forecast written as it is made, in the long layout of Nixtla's libraries. CSV: one row per member and
 * step, {@code unique_id,ds,mean,lo-80,hi-80,...,model_id,problem}; NDJSON: one line per member. A member without a
 * forecast gets one row (line) with its problem and no values, so that one member cannot fail the others.
 */
abstract class ForecastStream implements CollectionForecasts.Sink {

    static final String NDJSON = "application/x-ndjson";

    final Writer out;
    final List<Double> levels;

    private ForecastStream(Writer out, List<Double> levels) {
        this.out = out;
        this.levels = levels;
    }

    static ForecastStream csv(Writer out, List<Double> levels) throws IOException {
        return new Csv(out, levels);
    }

    static ForecastStream ndjson(Writer out, List<Double> levels, JsonMapper json) {
        return new Ndjson(out, levels, json);
    }

    @Override
    public void accept(Series member, BatchOutcome outcome) throws IOException {
        if (outcome instanceof BatchOutcome.Forecasted forecasted) {
            forecast(member, forecasted.forecast());
        } else if (outcome instanceof BatchOutcome.Refused refused) {
            problem(member, refused.problem());
        } else {
            // Java 17 has no exhaustive switch over a sealed type; a new outcome kind must be handled above
            throw new IllegalStateException("unhandled outcome " + outcome);
        }
    }

    abstract void forecast(Series member, Forecast forecast) throws IOException;

    abstract void problem(Series member, ApiProblemException problem) throws IOException;

    static String levelName(double level) {
        return ConcatenatedForecasts.levelName(level);
    }

    private static final class Csv extends ForecastStream {

        Csv(Writer out, List<Double> levels) throws IOException {
            super(out, levels);
            StringBuilder header = new StringBuilder("unique_id,ds,mean");
            for (double level : levels) {
                header.append(",lo-").append(levelName(level)).append(",hi-").append(levelName(level));
            }
            out.write(header.append(",model_id,problem\n").toString());
        }

        @Override
        void forecast(Series member, Forecast forecast) throws IOException {
            String id = field(member.uniqueId());
            StringBuilder rows = new StringBuilder(forecast.points().size() * 96);
            for (Forecast.Step step : forecast.points()) {
                rows.append(id).append(',').append(step.timestamp()).append(',').append(step.value());
                for (Forecast.Interval interval : step.intervals()) {
                    rows.append(',').append(bound(interval.lower())).append(',').append(bound(interval.upper()));
                }
                rows.append(',').append(forecast.modelId()).append(",\n");
            }
            out.write(rows.toString());
        }

        @Override
        void problem(Series member, ApiProblemException problem) throws IOException {
            // empty ds, mean, bounds and model_id
            StringBuilder row = new StringBuilder(field(member.uniqueId())).append(",,,");
            row.append(",".repeat(2 * levels.size())).append(',');
            out.write(row.append(field(slug(problem) + ": " + problem.getMessage())).append('\n').toString());
        }

        /** {@code no-model} of {@code urn:tsforge:problem:no-model}. */
        private static String slug(ApiProblemException problem) {
            String type = problem.problemType().uri().toString();
            return type.substring(type.lastIndexOf(':') + 1);
        }

        private static String bound(Double value) {
            return value == null ? "" : value.toString();
        }

        /** A CSV field, quoted when it holds a comma, a quote or a line break. */
        private static String field(String text) {
            if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                return text;
            }
            return '"' + text.replace("\"", "\"\"") + '"';
        }
    }

    private static final class Ndjson extends ForecastStream {

        private final JsonMapper json;

        Ndjson(Writer out, List<Double> levels, JsonMapper json) {
            super(out, levels);
            this.json = json;
        }

        @Override
        void forecast(Series member, Forecast forecast) throws IOException {
            int steps = forecast.points().size();
            List<String> ds = new ArrayList<>(steps);
            double[] mean = new double[steps];
            Map<String, Double[]> intervals = new LinkedHashMap<>();
            for (int l = 0; l < levels.size(); l++) {
                intervals.put("lo-" + levelName(levels.get(l)), new Double[steps]);
                intervals.put("hi-" + levelName(levels.get(l)), new Double[steps]);
            }
            for (int i = 0; i < steps; i++) {
                Forecast.Step step = forecast.points().get(i);
                ds.add(step.timestamp().toString());
                mean[i] = step.value();
                for (int l = 0; l < levels.size(); l++) {
                    Forecast.Interval interval = step.intervals().get(l);
                    intervals.get("lo-" + levelName(levels.get(l)))[i] = interval.lower();
                    intervals.get("hi-" + levelName(levels.get(l)))[i] = interval.upper();
                }
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("unique_id", member.uniqueId());
            line.put("seriesId", member.id());
            line.put("modelId", forecast.modelId());
            line.put("ds", ds);
            line.put("mean", mean);
            line.put("intervals", intervals);
            line.put("fallback", forecast.fallback());
            out.write(json.writeValueAsString(line));
            out.write('\n');
        }

        @Override
        void problem(Series member, ApiProblemException problem) throws IOException {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("unique_id", member.uniqueId());
            line.put("seriesId", member.id());
            line.put("problem", problem.getBody());
            out.write(json.writeValueAsString(line));
            out.write('\n');
        }
    }
}
