package dev.tsforge.anomalies;

import dev.tsforge.series.Frequency;
import dev.tsforge.series.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data-quality measures of a series' points, on its grid. Outliers are spikes: a point whose change from the
 * point before and change to the point after both lie more than {@code threshold} robust standard deviations from
 * the median one-step change, in opposite directions. The robust standard deviation is 1.4826 times the median
 * absolute deviation of the changes (the mean absolute deviation times 1.2533 where more than half the changes are
 * equal). A level shift (one large change) is not a spike; nor is a point next to a gap, whose change is unknown.
 */
final class QualityCheck {

    static final String OUTLIER_RULE = "a spike: the change into the point and the change out of it both differ from "
            + "the median one-step change by more than the threshold times 1.4826 MAD of the changes, in opposite "
            + "directions (consecutive grid steps only)";
    static final int MAX_LISTED = 100;

    private QualityCheck() {
    }

    static QualityReport.Gaps gaps(List<Point> points, Frequency frequency) {
        long runs = 0;
        long missing = 0;
        QualityReport.Stretch longest = null;
        for (int i = 1; i < points.size(); i++) {
            Instant before = points.get(i - 1).timestamp();
            long gap = frequency.index(points.get(i).timestamp()) - frequency.index(before) - 1;
            if (gap > 0) {
                runs++;
                missing += gap;
                if (longest == null || gap > longest.steps()) {
                    longest = new QualityReport.Stretch(frequency.plus(before, 1),
                            frequency.plus(points.get(i).timestamp(), -1), gap);
                }
            }
        }
        return new QualityReport.Gaps(runs, missing, longest);
    }

    static QualityReport.Flat flat(List<Point> points, Frequency frequency, int minRun) {
        int runs = 0;
        QualityReport.Stretch longest = null;
        Double value = null;
        int start = 0;
        for (int i = 1; i <= points.size(); i++) {
            boolean continues = i < points.size() && points.get(i).value() == points.get(start).value()
                    && consecutive(points, i, frequency);
            if (continues) {
                continue;
            }
            int length = i - start;
            if (length >= minRun) {
                runs++;
                if (longest == null || length > longest.steps()) {
                    longest = new QualityReport.Stretch(points.get(start).timestamp(), points.get(i - 1).timestamp(),
                            length);
                    value = points.get(start).value();
                }
            }
            start = i;
        }
        return new QualityReport.Flat(minRun, runs, longest, value);
    }

    static QualityReport.Outliers outliers(List<Point> points, Frequency frequency, double threshold) {
        // change i is points[i] - points[i - 1], NaN across a gap
        double[] changes = new double[points.size()];
        List<Double> known = new ArrayList<>();
        changes[0] = Double.NaN;
        for (int i = 1; i < points.size(); i++) {
            changes[i] = consecutive(points, i, frequency) ? points.get(i).value() - points.get(i - 1).value()
                    : Double.NaN;
            if (!Double.isNaN(changes[i])) {
                known.add(changes[i]);
            }
        }
        List<QualityReport.Outlier> flagged = new ArrayList<>();
        int count = 0;
        if (known.size() >= 2) {
            double[] values = known.stream().mapToDouble(Double::doubleValue).toArray();
            double median = median(values);
            double sigma = robustSigma(values, median);
            for (int i = 1; sigma > 0 && i + 1 < points.size(); i++) {
                double in = changes[i] - median;
                double out = changes[i + 1] - median;
                if (Math.abs(in) > threshold * sigma && Math.abs(out) > threshold * sigma
                        && Math.signum(in) == -Math.signum(out)) {
                    count++;
                    if (flagged.size() < MAX_LISTED) {
                        flagged.add(new QualityReport.Outlier(points.get(i).timestamp(), points.get(i).value(),
                                changes[i], changes[i + 1]));
                    }
                }
            }
        }
        return new QualityReport.Outliers(OUTLIER_RULE, threshold, count, flagged);
    }

    static QualityReport.LastPoint lastPoint(Instant last, Frequency frequency, Instant now) {
        if (last == null) {
            return null;
        }
        return new QualityReport.LastPoint(last, Duration.between(last, now),
                Math.max(0, frequency.index(now) - frequency.index(last)), frequency.plus(last, 1), now);
    }

    /** 1.4826 MAD, or 1.2533 times the mean absolute deviation where the MAD is 0. */
    static double robustSigma(double[] values, double median) {
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        double mad = median(deviations);
        return mad > 0 ? 1.4826 * mad : 1.2533 * Arrays.stream(deviations).average().orElse(0);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static boolean consecutive(List<Point> points, int i, Frequency frequency) {
        return frequency.index(points.get(i).timestamp()) == frequency.index(points.get(i - 1).timestamp()) + 1;
    }
}
