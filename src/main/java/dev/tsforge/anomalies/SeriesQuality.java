package dev.tsforge.anomalies;

import dev.tsforge.series.Frequency;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/** The data-quality report of a series, and the count of duplicates its ingests refused that the report needs. */
@Service
public class SeriesQuality {

    private static final Logger log = LoggerFactory.getLogger(SeriesQuality.class);

    public static final int DEFAULT_MIN_FLAT_RUN = 5;
    public static final double DEFAULT_OUTLIER_THRESHOLD = 5;

    private final SeriesService series;
    private final AnomalyRepository repository;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    SeriesQuality(SeriesService series, AnomalyRepository repository, PlatformTransactionManager transactions,
            Clock clock) {
        this.series = series;
        this.repository = repository;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * @param minFlatRun       identical consecutive values that count as a flat stretch
     * @param outlierThreshold robust standard deviations of the one-step changes a spike exceeds
     * @throws ApiProblemException 404 unknown series
     */
    public QualityReport report(long seriesId, int minFlatRun, double outlierThreshold) {
        Series target = series.get(seriesId);
        Frequency frequency = target.frequency();
        List<Point> points = series.points(seriesId, null, null);
        Instant first = points.isEmpty() ? null : points.get(0).timestamp();
        Instant last = points.isEmpty() ? null : points.get(points.size() - 1).timestamp();
        QualityReport.Duplicates duplicates = repository.duplicates(seriesId)
                .map(d -> new QualityReport.Duplicates(d.batches(), d.points(), d.lastRefusedAt()))
                .orElse(new QualityReport.Duplicates(0, 0, null));
        return new QualityReport(seriesId, frequency.toString(), points.size(), first, last,
                QualityCheck.gaps(points, frequency), duplicates,
                QualityCheck.outliers(points, frequency, outlierThreshold),
                QualityCheck.flat(points, frequency, minFlatRun),
                QualityCheck.lastPoint(last, frequency, clock.instant()));
    }

    /**
     * Counts a refused batch once its transaction has rolled back, in a transaction of its own (the rolled-back one
     * would take the count with it). A failure here must not replace the ingest's own 400.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK, fallbackExecution = true)
    void duplicatesRefused(SeriesEvents.DuplicatesRefused refused) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                ownTransaction.executeWithoutResult(status -> repository.countDuplicates(refused.seriesId(),
                        refused.duplicates(), clock.instant()));
                return;
            } catch (DuplicateKeyException firstRowRace) {
                // two refusals counted the series' first at once: the other row exists now, add to it
            } catch (RuntimeException e) {
                log.warn("Could not count the duplicates refused for series {}: {}", refused.seriesId(),
                        e.toString());
                return;
            }
        }
    }
}
