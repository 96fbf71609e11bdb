package dev.tsforge.training;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.evaluation.NotEnoughHistoryException;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.History;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.ThetaSpec;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.Theta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The AUTO option: a small search over cell, lookback (tied to the season) and width, within a time budget,
 * chosen by MASE on validation data inside the training part (never on the holdout, which then judges the
 * winner like any model). The Theta method competes too: when no network forecasts the validation part better,
 * AUTO serves Theta rather than a network that is worse than a classic (bench/accuracy showed short seasonal
 * series where every network lost to it).
 */
@Component
class AutoSearch {

    static final int EPOCHS = 200;
    static final int PATIENCE = 15;
    static final double VALIDATION = 0.2;
    /** The API's largest lookback. */
    static final int THETA_MAX_LOOKBACK = 1000;

    private final ModelTrainer trainer;

    AutoSearch(ModelTrainer trainer) {
        this.trainer = trainer;
    }

    /** One tried spec and its score. */
    record Candidate(ModelSpec spec, Double validationMase, double validationMae, double seasonalNaiveMae,
            long millis) {

        String describe() {
            String model = spec.match(
                    network -> String.format(Locale.ROOT, "%s %s lookback %d", network.architecture(),
                            network.hiddenSizes(), network.lookback()),
                    theta -> String.format(Locale.ROOT, "THETA (no network) on the last %d values",
                            theta.lookback()));
            return model + ": validation MASE "
                    + (validationMase == null ? "n/a" : String.format(Locale.ROOT, "%.3f", validationMase));
        }
    }

    record Result(ModelSpec winner, TrainingOutcome outcome, List<Candidate> tried, String summary) {
    }

    /**
     * The candidate specs, cheapest first: Theta, then networks, most promising first.
     *
     * @param lastRunPoints the series' most recent gap-free run: what Theta may read in service
     */
    static List<ModelSpec> candidates(int seasonalPeriod, int horizon, int trainingPoints, int lastRunPoints,
            long seed, GapPolicy gapPolicy) {
        Set<Integer> lookbacks = new LinkedHashSet<>();
        int season = seasonalPeriod > 1 ? seasonalPeriod : 12;
        int longest = Math.max(2, (trainingPoints - horizon) / 4);
        lookbacks.add(Math.min(season, longest));
        lookbacks.add(Math.min(2 * season, longest));
        List<ModelSpec> specs = new ArrayList<>();
        // Theta reads five seasons (at least 60 values): enough for its seasonal test, short enough that its
        // straight trend line stays local
        int thetaLookback = Math.min(lastRunPoints, Math.min(THETA_MAX_LOOKBACK, Math.max(60, 5 * seasonalPeriod)));
        specs.add(new ThetaSpec(thetaLookback, horizon, gapPolicy, seed));
        NetworkSpec network = NetworkSpec.requested(new NetworkSpec.Overrides(null, null, null, null, null, null,
                null, null, EPOCHS, null, null, null, null, Normalization.LAST_VALUE, null, null, null, VALIDATION,
                PATIENCE, null, null));
        for (int hidden : new int[] {16, 32}) {
            for (Architecture architecture : new Architecture[] {Architecture.LSTM, Architecture.SIMPLE_RNN}) {
                for (int lookback : lookbacks) {
                    specs.add(network.withLayers(architecture, List.of(hidden), false).withWindow(
                            new WindowSpec(lookback, horizon, OutputStrategy.RECURSIVE, gapPolicy, seed)));
                }
            }
        }
        return specs;
    }

    /**
     * Tries candidates until the budget would be exceeded (at least one network), keeps the best by validation MASE
     * and fits it again on the whole training part.
     *
     * <p>Validation is honest: candidates are fitted on the training part without its last {@code horizon} values
     * and scored on forecasting those. (Scoring a network fitted on the whole training part would score it partly on
     * values it was fitted on: on a short series most of them, which made networks look better than Theta on
     * validation and lose to it on the holdout.)
     *
     * @param split    the job's holdout split; the search sees only {@code split.trainingRuns()}
     * @param artifact where the winner's model file goes
     * @throws InsufficientDataException when the training part cannot spare a validation part
     */
    Result search(HoldoutSplit split, int seasonalPeriod, int budgetSeconds, ModelSpec template,
            EpochListener listener, Path artifact) {
        int horizon = template.horizon();
        HoldoutSplit validation;
        try {
            validation = HoldoutSplit.of(split.trainingRuns(), horizon, Theta.MIN_HISTORY);
        } catch (NotEnoughHistoryException e) {
            throw new InsufficientDataException("AUTO validates on the last " + horizon + " points of the training "
                    + "part and needs " + Theta.MIN_HISTORY + " before them: " + e.getMessage());
        }
        int validationPoints = validation.trainingRuns().stream().mapToInt(run -> run.length).sum();
        // Theta's window is sized on what it will read in service, the holdout included: sized on the training part
        // alone, a short series' Theta would read too few values to see its season once the holdout is back
        List<ModelSpec> specs = candidates(seasonalPeriod, horizon, validationPoints, split.lastRun().length,
                template.seed(), template.gapPolicy());
        long started = System.nanoTime();
        long budgetNanos = budgetSeconds * 1_000_000_000L;
        List<Candidate> tried = new ArrayList<>();
        Candidate best = null;
        long lastNanos = 0;
        Path candidateFile = artifact.resolveSibling(artifact.getFileName() + ".candidate");
        for (ModelSpec spec : specs) {
            long elapsed = System.nanoTime() - started;
            boolean networkTried = tried.stream().anyMatch(c -> c.spec() instanceof NetworkSpec);
            // the winner's final fit takes about as long again as its candidate did
            long reserve = best == null ? 0 : best.millis() * 1_000_000L;
            if (networkTried && elapsed + lastNanos + reserve > budgetNanos) {
                break;
            }
            long candidateStart = System.nanoTime();
            try {
                TrainingOutcome outcome = trainer.train(validation.trainingRuns(), spec, seasonalPeriod, listener,
                        candidateFile);
                if (validation.history().length < outcome.predictor().minimumHistory()) {
                    continue;
                }
                lastNanos = System.nanoTime() - candidateStart;
                Candidate candidate = score(spec, outcome, validation, seasonalPeriod, lastNanos);
                tried.add(candidate);
                if (best == null || key(candidate) < key(best)) {
                    best = candidate;
                }
            } catch (NotEnoughHistoryException | InsufficientDataException tooShort) {
                // a network whose windows the shortened training part cannot fill
            } finally {
                deleteQuietly(candidateFile);
            }
        }
        if (best == null) {
            throw new InsufficientDataException("AUTO found no candidate the series is long enough for");
        }
        TrainingOutcome outcome = trainer.train(split.trainingRuns(), best.spec(), seasonalPeriod, listener, artifact);
        return new Result(best.spec(), outcome, tried, summary(tried, best, System.nanoTime() - started));
    }

    private static double key(Candidate candidate) {
        return candidate.validationMase() != null ? candidate.validationMase() : candidate.validationMae();
    }

    /** MASE of the candidate on the validation part, forecast from the values before it. */
    private static Candidate score(ModelSpec spec, TrainingOutcome outcome, HoldoutSplit validation, int period,
            long nanos) {
        double[] history = validation.history();
        double[] forecast = outcome.predictor().forecast(History.of(history), spec.horizon());
        int p = period < history.length ? period : 1;
        double scale = Accuracy.maseScale(history, p);
        Accuracy model = Accuracy.of(validation.holdout(), forecast, scale);
        Accuracy seasonal = Accuracy.of(validation.holdout(), Baselines.seasonalNaive(history, spec.horizon(), p),
                scale);
        return new Candidate(spec, model.mase(), model.mae(), seasonal.mae(), nanos / 1_000_000);
    }

    private static String summary(List<Candidate> tried, Candidate best, long nanos) {
        boolean beats = best.validationMae() < best.seasonalNaiveMae();
        boolean theta = best.spec() instanceof ThetaSpec;
        String verdict = theta ? String.format(Locale.ROOT, "no network forecast the validation part better than the "
                + "Theta method (MAE %.4g; seasonal naive %.4g), so Theta is served rather than a worse network",
                best.validationMae(), best.seasonalNaiveMae())
                : beats ? String.format(Locale.ROOT, "it beat seasonal naive on validation (MAE %.4g vs %.4g)",
                best.validationMae(), best.seasonalNaiveMae())
                : String.format(Locale.ROOT, "no network beat seasonal naive on validation (best MAE %.4g vs "
                        + "seasonal naive %.4g): seasonal naive is the better forecast for this series",
                        best.validationMae(), best.seasonalNaiveMae());
        return String.format(Locale.ROOT, "AUTO tried %d candidate(s) in %d s, each fitted without the last %d "
                + "training points and scored on them, then refitted the best on all; best %s; %s. Tried: %s.",
                tried.size(), nanos / 1_000_000_000, best.spec().horizon(), best.describe(), verdict,
                String.join("; ", tried.stream().sorted(Comparator.comparingDouble(AutoSearch::key))
                        .map(Candidate::describe).toList()));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stray candidate file is never read as a model
        }
    }
}
