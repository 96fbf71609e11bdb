package dev.tsforge.retraining;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingService;
import dev.tsforge.web.ApiProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the retraining a trigger asks for, or records why not. The job is an ordinary training job of the series
 * ({@link TrainingService}), so the model it registers meets the same baseline gate and champion/challenger decision
 * as any other. One retraining at a time per series: a trigger while the series' last retraining job is queued or
 * running is skipped, and the start itself is a compare-and-set on the series' row, so that two replicas (or two
 * triggers) that both find the series idle start one job.
 */
@Component
class Retrainer {

    private static final Logger log = LoggerFactory.getLogger(Retrainer.class);

    /**
     * A claim older than this belongs to a replica that stopped between claiming and submitting; submitting takes
     * milliseconds (a 503 or 422 comes back as fast).
     */
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    private final RetrainingRepository states;
    private final FiringRepository firings;
    private final ModelRegistry registry;
    private final TrainingService training;
    private final SeriesService series;
    private final MeterRegistry meters;
    private final Clock clock;

    Retrainer(RetrainingRepository states, FiringRepository firings, ModelRegistry registry, TrainingService training,
            SeriesService series, MeterRegistry meters, Clock clock) {
        this.states = states;
        this.firings = firings;
        this.registry = registry;
        this.training = training;
        this.series = series;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Starts a retraining of the series under the policy, or records it skipped.
     *
     * @param tick   the cron tick of a SCHEDULE firing, else null
     * @param reason why the trigger fired, as the policy's view shows it
     */
    Firing fire(RetrainingPolicy policy, long seriesId, Instant tick, String reason) {
        Optional<ModelVersion> champion;
        try {
            champion = registry.champion(seriesId);
        } catch (ApiProblemException deleted) {
            return skipped(policy, seriesId, tick, reason, "the series no longer exists");
        }
        if (champion.isEmpty()) {
            return skipped(policy, seriesId, tick, reason, "the series has no champion to retrain; train one first");
        }
        ModelVersion model = champion.get();
        if (model.global()) {
            return skipped(policy, seriesId, tick, reason, "the champion, model " + model.id() + ", is a global "
                    + "model of a collection; retrain it with POST /collections/{name}/trainings");
        }
        RetrainingRepository.SeriesState state = states.state(seriesId, 0);
        if (state.jobId() != 0) {
            Optional<JobStatus> last = status(state.jobId());
            if (last.isPresent() && !last.get().isFinal()) {
                return skipped(policy, seriesId, tick, reason, "the previous retraining, job " + state.jobId()
                        + ", is still " + last.get());
            }
        }
        Instant now = clock.instant();
        if (!states.claim(seriesId, state.jobId(), now, now.minus(STALE_CLAIM))) {
            return skipped(policy, seriesId, tick, reason, "another retraining of the series is being started");
        }
        TrainingJob job;
        try {
            job = submit(seriesId, model, policy.start());
        } catch (ApiProblemException refused) {
            states.release(seriesId, null);
            return skipped(policy, seriesId, tick, reason, "the training was refused: "
                    + refused.getBody().getDetail());
        } catch (RuntimeException e) {
            states.release(seriesId, null);
            throw e;
        }
        states.release(seriesId, job.id());
        Firing firing = new Firing(0, policy.id(), seriesId, policy.trigger(), tick, reason, Firing.Outcome.STARTED,
                job.id(), null, now);
        // counted before the firing is visible: what reads the firing (a test, a dashboard) finds it counted
        count("started", policy.trigger());
        firings.insert(firing);
        log.info("Retraining of series {} started as job {} ({}, {} from model {}): {}", seriesId, job.id(),
                policy.trigger(), policy.start(), model.id(), reason);
        return firing;
    }

    /**
     * A network continues from the champion's weights (WARM) or fits its spec afresh (FRESH). A statistical champion
     * has no weights: both refit its method on the current data (ETS's form and ARIMA's order as AUTO chose them,
     * their parameters estimated again), which is what "warm" can mean for a closed-form fit. AUTO is not searched
     * again: the champion's kind stands until someone asks for a new search.
     */
    private TrainingJob submit(long seriesId, ModelVersion champion, RetrainingStart start) {
        if (champion.spec() instanceof StatisticalSpec statistical) {
            return training.submit(seriesId, refit(seriesId, statistical));
        }
        if (start == RetrainingStart.WARM) {
            return training.submit(seriesId, champion.spec(), champion.id());
        }
        return training.submit(seriesId, champion.spec());
    }

    /**
     * The statistical spec on the series as it is now. AUTO sized its lookback to the series it searched (the whole
     * run, up to five seasons or 60 values, holdout included, since it splits by its networks' windows); a single
     * training keeps one lookback before its holdout, so the refit reads AUTO's rule on today's last run (a week at
     * least where a week is a season too), at most what the holdout leaves of it. An ARIMA that read the whole run
     * reads it still, up to {@link StatisticalSpec#MAX_LOOKBACK} values; one that read the lookback keeps doing so.
     * Training reads the last run the spec's gap policy leaves (REJECT refuses gaps), so that run, not the series'
     * point count, bounds the lookback: a series with a gap would otherwise refuse the refit as too short.
     */
    private StatisticalSpec refit(long seriesId, StatisticalSpec champion) {
        Series target = series.get(seriesId);
        // no statistical spec reads more than this, so a longer last run need not be read
        int most = Math.max(StatisticalSpec.MAX_LOOKBACK, StatisticalSpec.MAX_WEEK) + champion.horizon();
        double[] lastRun = SeriesWindows.recent(series.latestPoints(seriesId, most), target,
                champion.gapPolicy()).values();
        return refit(champion, target, lastRun.length);
    }

    /** {@link #refit(long, StatisticalSpec)} on a series whose last run has {@code points} values. */
    static StatisticalSpec refit(StatisticalSpec champion, Series target, int points) {
        // a champion that reads a week keeps reading one, should its series' season have changed since
        boolean weekly = target.weeklySeason() || champion.methods().contains(StatisticalSpec.Method.WEEKLY_NAIVE);
        // MSTL's weekly season needs its three weeks
        int wanted = champion.methods().contains(StatisticalSpec.Method.MSTL_ETS)
                ? StatisticalSpec.weeksLookback(target.seasonalPeriod(), points)
                : StatisticalSpec.recentLookback(target.seasonalPeriod(), weekly, points);
        int lookback = Math.max(1, Math.min(wanted, points - champion.horizon()));
        StatisticalSpec refit = new StatisticalSpec(champion.methods(), champion.etsForm(), champion.arimaOrder(),
                champion.window().withLookback(lookback));
        return champion.arimaLookback() == null ? refit : refit.withArimaLookback(points - champion.horizon());
    }

    private Optional<JobStatus> status(long jobId) {
        try {
            return Optional.of(training.get(jobId).status());
        } catch (ApiProblemException deleted) {
            return Optional.empty();
        }
    }

    private Firing skipped(RetrainingPolicy policy, long seriesId, Instant tick, String reason, String why) {
        Firing firing = new Firing(0, policy.id(), seriesId, policy.trigger(), tick, reason, Firing.Outcome.SKIPPED,
                null, why, clock.instant());
        count("skipped", policy.trigger());
        firings.insert(firing);
        log.info("Retraining of series {} skipped ({}): {}", seriesId, policy.trigger(), why);
        return firing;
    }

    private void count(String outcome, RetrainingTrigger trigger) {
        Counter.builder("tsforge.retraining." + outcome)
                .description("Retrainings a policy's trigger " + outcome + ", by trigger")
                .tag("trigger", trigger.name()).register(meters).increment();
    }
}
