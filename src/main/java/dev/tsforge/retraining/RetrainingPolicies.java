package dev.tsforge.retraining;

import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retraining policies of series and collections, and what their triggers did. A series' own policy wins over its
 * collection's.
 */
@Service
public class RetrainingPolicies {

    /** Firings a policy's view shows, the newest. */
    static final int SHOWN_FIRINGS = 20;
    /** New points an AFTER_POINTS policy may wait for at most. */
    static final int MAX_POINTS = 10_000_000;
    /** The column's width, less room for the second field added to a five-field expression. */
    private static final int MAX_CRON_LENGTH = 190;

    private final RetrainingRepository policies;
    private final FiringRepository firings;
    private final SeriesService series;
    private final CollectionService collections;
    private final Clock clock;

    RetrainingPolicies(RetrainingRepository policies, FiringRepository firings, SeriesService series,
            CollectionService collections, Clock clock) {
        this.policies = policies;
        this.firings = firings;
        this.series = series;
        this.collections = collections;
        this.clock = clock;
    }

    /** What a policy request asks for, unchecked. */
    public record Setting(RetrainingTrigger trigger, String cron, Integer points, RetrainingStart start) {
    }

    /** A policy with its newest firings (for a series: those for the series). */
    public record Applied(RetrainingPolicy policy, List<Firing> firings) {
    }

    /** @throws ApiProblemException 400 invalid setting, 404 unknown series */
    @Transactional
    public Applied setSeries(long seriesId, Setting setting) {
        series.get(seriesId);
        Setting checked = checked(setting);
        policies.put(seriesId, null, checked.trigger(), checked.cron(), checked.points(), checked.start(),
                clock.instant());
        policies.resetPoints(seriesId, series.stats(seriesId).count());
        return effective(seriesId);
    }

    /** @throws ApiProblemException 400 invalid setting, 404 unknown collection */
    @Transactional
    public Applied setCollection(String name, Setting setting) {
        long id = collections.get(name).id();
        Setting checked = checked(setting);
        policies.put(null, id, checked.trigger(), checked.cron(), checked.points(), checked.start(), clock.instant());
        policies.resetCollectionPoints(id);
        return ofCollection(name);
    }

    /**
     * The policy that applies to a series (its own, else its collection's) with its firings for the series.
     *
     * @throws ApiProblemException 404 unknown series, or none applies
     */
    public Applied effective(long seriesId) {
        RetrainingPolicy policy = applying(seriesId).orElseThrow(() -> new ApiProblemException(
                ProblemType.NOT_FOUND, "Series " + seriesId + " has no retraining policy, nor has its collection",
                Map.of("resource", "retraining policy", "id", String.valueOf(seriesId))));
        return new Applied(policy, firings.ofPolicyAndSeries(policy.id(), seriesId, SHOWN_FIRINGS));
    }

    /** @throws ApiProblemException 404 unknown collection, or it has no policy */
    public Applied ofCollection(String name) {
        RetrainingPolicy policy = policies.ofCollection(collections.get(name).id())
                .orElseThrow(() -> ApiProblemException.notFound("retraining policy of collection", name));
        return new Applied(policy, firings.ofPolicy(policy.id(), SHOWN_FIRINGS));
    }

    /** @throws ApiProblemException 404 unknown series, or it has no policy of its own */
    @Transactional
    public void deleteSeries(long seriesId) {
        series.get(seriesId);
        if (!policies.delete(seriesId, null)) {
            throw ApiProblemException.notFound("retraining policy of series", seriesId);
        }
    }

    /** @throws ApiProblemException 404 unknown collection, or it has no policy */
    @Transactional
    public void deleteCollection(String name) {
        if (!policies.delete(null, collections.get(name).id())) {
            throw ApiProblemException.notFound("retraining policy of collection", name);
        }
    }

    /**
     * The policy that applies to a series now: its own, else its collection's.
     *
     * @throws ApiProblemException 404 unknown series
     */
    /** Whether any series or collection has a policy with this trigger. */
    boolean anyWith(RetrainingTrigger trigger) {
        return policies.anyWith(trigger);
    }

    Optional<RetrainingPolicy> applying(long seriesId) {
        Series target = series.get(seriesId);
        Optional<RetrainingPolicy> own = policies.ofSeries(seriesId);
        return own.isPresent() || target.collectionId() == null ? own : policies.ofCollection(target.collectionId());
    }

    /** The series a policy applies to: its series, or the members of its collection without a policy of their own. */
    List<Long> targets(RetrainingPolicy policy) {
        if (policy.seriesId() != null) {
            return List.of(policy.seriesId());
        }
        Set<Long> ownPolicy = Set.copyOf(policies.membersWithOwnPolicy(policy.collectionId()));
        return collections.members(new SeriesFilter(policy.collectionId(), List.of())).stream().map(Series::id)
                .filter(id -> !ownPolicy.contains(id)).toList();
    }

    private static Setting checked(Setting setting) {
        if (setting == null || setting.trigger() == null) {
            throw ApiProblemException.invalidField("trigger", "one of SCHEDULE, AFTER_POINTS, ON_DRIFT");
        }
        RetrainingStart start = setting.start() == null ? RetrainingStart.WARM : setting.start();
        if (setting.cron() != null && setting.trigger() != RetrainingTrigger.SCHEDULE) {
            throw ApiProblemException.invalidField("cron", "only a SCHEDULE policy has a cron expression");
        }
        if (setting.points() != null && setting.trigger() != RetrainingTrigger.AFTER_POINTS) {
            throw ApiProblemException.invalidField("points", "only an AFTER_POINTS policy counts points");
        }
        return switch (setting.trigger()) {
            case SCHEDULE -> new Setting(setting.trigger(), cron(setting.cron()), null, start);
            case AFTER_POINTS -> {
                if (setting.points() == null || setting.points() < 1 || setting.points() > MAX_POINTS) {
                    throw ApiProblemException.invalidField("points", "an AFTER_POINTS policy fires after 1 to "
                            + MAX_POINTS + " new points");
                }
                yield new Setting(setting.trigger(), null, setting.points(), start);
            }
            case ON_DRIFT -> new Setting(setting.trigger(), null, null, start);
        };
    }

    /** Spring's six-field cron (second first), or the common five fields, which then fire at second 0. */
    static String cron(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblemException.invalidField("cron", "a SCHEDULE policy needs a cron expression, UTC "
                    + "(e.g. \"0 0 3 * * *\": daily at 03:00)");
        }
        String expression = text.strip();
        if (expression.length() > MAX_CRON_LENGTH) {
            throw ApiProblemException.invalidField("cron", "at most " + MAX_CRON_LENGTH + " characters");
        }
        if (!expression.startsWith("@") && expression.split("\\s+").length == 5) {
            expression = "0 " + expression;
        }
        try {
            CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField("cron", "not a cron expression (" + e.getMessage() + "): "
                    + text);
        }
        return expression;
    }
}
