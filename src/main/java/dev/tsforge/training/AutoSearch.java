package dev.tsforge.training;

import dev.tsforge.evaluation.HoldoutSplit;
import dev.tsforge.evaluation.ValidationOrigins;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.StlEts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The AUTO option: statistical methods (naive, seasonal naive, exponential smoothing with its form chosen by AICc,
 * ARIMA with its order chosen by the stepwise search, Theta), combinations of them, and a small search over networks,
 * all scored on the same rolling validation origins inside the training part (never on the holdout, which then
 * judges the winner like any model). The winner is refitted on the whole training part and served, whatever its
 * kind; the best other statistical candidate becomes its fallback. {@link HiddenSeason}: where the holdout hides the
 * season.
 *
 * <p>The choice follows the one-standard-error rule of cross-validation on the paired per-origin MASE differences:
 * the standing combination (the median of ETS, ARIMA and Theta; STL's ETS for a season ETS cannot take) is the
 * statistical choice unless another statistical candidate beats it clearly, and a network is served only when it
 * beats that choice clearly and seasonal naive.
 * Mean MASE over 3 to 10 origins is noisy, and a network's final fit (more data, other epochs, a time limit) is not
 * the model validated where a statistical method's refit is. A forecast that leaves the plausible range at any origin
 * disqualifies its candidate. Networks are fitted once, on the values before the first origin, and forecast from
 * every origin (their inputs are known values then); statistical methods refit at each origin, as they do in service,
 * ARIMA on the whole run before it (up to 1000 values) and the others on the recent window.
 *
 * <p>The budget holds for the whole job: statistical candidates first (they cost little), then networks, each
 * stopped at its share of the time left (its best epoch so far is kept), none started that could not be refitted
 * in time, the winner continuing from its validated weights; a part of the budget stays for the holdout evaluation
 * and interval calibration that follow.
 */
@Component
class AutoSearch {

    static final int EPOCHS = 200;
    static final int PATIENCE = 15;
    static final double VALIDATION = 0.2;
    /** What the search and the final fit may use of the budget; the rest is for measuring and calibrating. */
    static final double SEARCH_SHARE = 0.8;
    /**
     * A network replaces the best statistical candidate only when it beats it by more than this many standard errors
     * of their paired differences over the origins (the one-standard-error rule of cross-validation): its final fit
     * (more data, other epochs, a time limit) is not the model validated, where a statistical method's refit is.
     */
    static final double CLEAR_ADVANTAGE = 1.0;

    private final ModelTrainer trainer;

    AutoSearch(ModelTrainer trainer) {
        this.trainer = trainer;
    }

    /**
     * @param winner   the spec fitted on the training part, which the holdout measures
     * @param fallback what a forecast falls back to when the winner's leaves the plausible range: the best statistical
     *                 candidate (the winner itself when it is statistical and nothing else qualified)
     * @param served   the spec to serve instead of the winner, its form and order chosen on the whole run where the
     *                 holdout hides the season ({@link HiddenSeason}); null: the winner is served
     */
    record Result(ModelSpec winner, StatisticalSpec fallback, TrainingOutcome outcome, List<Candidate> tried,
            String summary, StatisticalSpec served) {
    }

    /** The network specs, most promising first. */
    static List<NetworkSpec> networks(int seasonalPeriod, int horizon, int trainingPoints, long seed,
            GapPolicy gapPolicy) {
        Set<Integer> lookbacks = new LinkedHashSet<>();
        int season = seasonalPeriod > 1 ? seasonalPeriod : 12;
        int longest = Math.max(2, (trainingPoints - horizon) / 4);
        lookbacks.add(Math.min(season, longest));
        lookbacks.add(Math.min(2 * season, longest));
        NetworkSpec network = NetworkSpec.requested(new NetworkSpec.Overrides(null, null, null, null, null, null,
                null, null, EPOCHS, null, null, null, null, Normalization.LAST_VALUE, null, null, null, VALIDATION,
                PATIENCE, null, null));
        List<NetworkSpec> specs = new ArrayList<>();
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
     * Scores every candidate on the validation origins, within the budget, and refits the best on the whole
     * training part.
     *
     * @param split       the job's holdout split; the search sees only {@code split.trainingRuns()}
     * @param weekly      a week is a season too (a grid finer than a day whose season is a day): the statistical
     *                    candidates read at least a week and the value a week before is one of them
     * @param nonNegative whether forecasts below zero are implausible for this series
     * @param artifact    where the winner's model file goes
     * @throws InsufficientDataException when the training part cannot spare a validation origin
     */
    Result search(HoldoutSplit split, int seasonalPeriod, boolean weekly, boolean nonNegative, int budgetSeconds,
            ModelSpec template, EpochListener listener, Path artifact) {
        long started = System.nanoTime();
        long deadline = started + (long) (budgetSeconds * SEARCH_SHARE * 1e9);
        int horizon = template.horizon();
        List<double[]> runs = split.trainingRuns();
        double[] last = runs.get(runs.size() - 1);
        ValidationOrigins origins = ValidationOrigins.plan(last.length, horizon, seasonalPeriod);
        if (origins == null) {
            throw new InsufficientDataException("AUTO validates on at least one window of "
                    + ValidationOrigins.shortestWindow(horizon) + " points inside the training part and needs "
                    + ValidationOrigins.MIN_FIT + " values before it; the most recent run has " + last.length
                    + " before the holdout");
        }
        ValidationScoring scoring = new ValidationScoring(last, origins, seasonalPeriod, nonNegative);
        int statisticalLookback = StatisticalCandidates.lookback(seasonalPeriod, weekly, split.lastRun().length);
        boolean seasonHidden = HiddenSeason.hides(seasonalPeriod, last, split.lastRun(), statisticalLookback,
                StlEts.decomposes(scoring.beforeFirstOrigin(statisticalLookback).length, seasonalPeriod));
        // ARIMA's order is chosen on what it will read: the week, where a week is longer than its usual most
        int arimaLookback = Math.max(statisticalLookback, StatisticalCandidates.arimaLookback(split.lastRun().length));
        long quarter = (deadline - started) / 4;
        List<Candidate> tried = new ArrayList<>(StatisticalCandidates.scored(scoring, statisticalLookback,
                arimaLookback, weekly, split.lastRun().length, template, Duration.ofNanos(quarter)));
        // the final choice of form and order, on all of the training part, costs at most what scoring the statistical
        // candidates did (their first choice among it): the networks leave that much of the budget, a quarter at most
        long networkDeadline = deadline - Math.min(System.nanoTime() - started, quarter);
        Candidate standing = StatisticalCandidates.standing(tried, scoring);
        tried.addAll(StatisticalCandidates.combinations(tried, scoring));
        if (standing != null && tried.stream().noneMatch(c -> c.spec().equals(standing.spec()))) {
            tried.add(standing);
        }
        Method baselineMethod = scoring.seasonal() ? Method.SEASONAL_NAIVE : Method.NAIVE;
        Candidate baseline = tried.stream().filter(c -> c.spec() instanceof StatisticalSpec s
                && s.methods().equals(List.of(baselineMethod))).findFirst().orElseThrow();
        List<double[]> fitRuns = new ArrayList<>(runs.subList(0, runs.size() - 1));
        fitRuns.add(Arrays.copyOf(last, origins.fitLength()));
        int fitPoints = fitRuns.stream().mapToInt(run -> run.length).sum();
        // the best network so far keeps its file: the final fit continues from its weights
        Path candidateFile = artifact.resolveSibling(artifact.getFileName() + ".candidate");
        Path bestNetworkFile = artifact.resolveSibling(artifact.getFileName() + ".best");
        Candidate bestNetworkScore = null;
        long slowest = 0;
        for (NetworkSpec spec : seasonHidden ? List.<NetworkSpec>of()
                : networks(seasonalPeriod, horizon, fitPoints, template.seed(), template.gapPolicy())) {
            long now = System.nanoTime();
            long left = networkDeadline - now;
            // the first network may take half of what is left, the other half being its refit; a later one starts
            // only when another as slow as the slowest so far and its refit still fit
            long share = slowest == 0 ? left / 2 : left - 2 * slowest;
            if (share <= 0 || (slowest > 0 && left < 3 * slowest)) {
                break;
            }
            long candidateDeadline = now + share;
            try {
                TrainingOutcome outcome = trainer.train(fitRuns, spec, seasonalPeriod,
                        stopAt(listener, candidateDeadline), candidateFile);
                long nanos = System.nanoTime() - now;
                slowest = Math.max(slowest, nanos);
                Candidate scored = scoring.score(spec, outcome.predictor(), baseline, nanos);
                tried.add(scored);
                if (scored.qualified() && (bestNetworkScore == null || scored.mase() < bestNetworkScore.mase())) {
                    Files.move(candidateFile, bestNetworkFile, StandardCopyOption.REPLACE_EXISTING);
                    bestNetworkScore = scored;
                }
            } catch (InsufficientDataException tooShort) {
                // a network whose windows the values before the first origin cannot fill
            } catch (IOException e) {
                throw new UncheckedIOException("Could not keep AUTO's best network: " + e.getMessage(), e);
            } finally {
                deleteQuietly(candidateFile);
            }
        }
        Choice choice = Choice.of(tried, standing, baseline, scoring);
        Candidate best = choice.best();
        // the fallback is another method than the winner where one qualified: it steps in when the winner diverges
        Candidate fallback = tried.stream().filter(Candidate::statistical).filter(Candidate::qualified)
                .filter(c -> c != best).min(Comparator.comparingDouble(Candidate::mase)).orElse(baseline);
        FinalChoices finalChoices = new FinalChoices(runs, statisticalLookback, arimaLookback, seasonalPeriod,
                deadline);
        HiddenSeason.Specs hidden = seasonHidden ? HiddenSeason.specs(runs, split.lastRun(), finalChoices,
                baseline.spec().window(), arimaLookback, seasonalPeriod, deadline) : null;
        ModelSpec winner = hidden != null ? hidden.measured() : finalChoices.refit(best.spec());
        StatisticalSpec fallbackSpec = hidden != null ? hidden.fallback()
                : (StatisticalSpec) finalChoices.refit(fallback.spec());
        TrainingOutcome outcome;
        // a network continues from its validated weights on the whole training part, for what is left of the
        // budget: a refit from scratch cut short would be worse, and one never refitted would not know the values
        // after its first validation origin
        boolean warm = best == bestNetworkScore;
        try {
            outcome = warm ? trainer.continueTraining(bestNetworkFile, runs, (NetworkSpec) winner,
                    stopAt(listener, deadline), artifact)
                    : trainer.train(runs, winner, seasonalPeriod, stopAt(listener, deadline), artifact);
        } finally {
            deleteQuietly(bestNetworkFile);
        }
        String then = hidden != null ? hidden.verdict() : String.format(Locale.ROOT, "then %s; best %s; %s",
                warm ? "trained the best network on all of it, from its validated weights"
                        : "refitted the best on all of it", best.describe(), choice.verdict());
        // where the whole run chose what the training part did, the model measured is the one served
        StatisticalSpec served = hidden == null || hidden.served().equals(winner) ? null : hidden.served();
        return new Result(winner, fallbackSpec, outcome, tried, summary(tried, then, origins,
                System.nanoTime() - started), served);
    }

    /** The caller's listener, asking the fit to stop (keeping its best epoch) once {@code deadline} has passed. */
    private static EpochListener stopAt(EpochListener listener, long deadline) {
        return new EpochListener() {
            @Override
            public void epochFinished(int epoch, double trainingLoss, Double validationLoss) {
                listener.epochFinished(epoch, trainingLoss, validationLoss);
            }

            @Override
            public boolean stopRequested() {
                return System.nanoTime() > deadline;
            }
        };
    }

    private static String summary(List<Candidate> tried, String then, ValidationOrigins origins, long nanos) {
        return String.format(Locale.ROOT, "AUTO scored %d candidate(s) in %d s on %d validation origin(s) of %d steps "
                + "(%d apart) inside the training part, %s. Tried: %s.",
                tried.size(), nanos / 1_000_000_000, origins.count(), origins.horizon(), origins.stride(), then,
                String.join("; ", tried.stream().sorted(Comparator.comparingDouble(Candidate::mase))
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
