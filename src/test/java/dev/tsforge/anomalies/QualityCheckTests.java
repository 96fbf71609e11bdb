package dev.tsforge.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.series.Frequency;
import dev.tsforge.series.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quality measures on small hand-made series, every expected value worked out by hand in the comments. */
class QualityCheckTests {

    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private static Instant day(int i) {
        return START.plus(Duration.ofDays(i));
    }

    private static List<Point> points(double... values) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                points.add(new Point(day(i), values[i]));
            }
        }
        return points;
    }

    @Test
    void aLevelShiftIsNoSpikeButASpikeOnATrendIs() {
        // changes 1,1,1,1,11,1,1,1: one large change, never back: no spike
        assertThat(QualityCheck.outliers(points(0, 1, 2, 3, 4, 15, 16, 17, 18), DAILY, 5).count()).isZero();
        // changes 1,1,1,11,-9,1,1,1: the MAD is 0 (six of eight changes are 1), so sigma is 1.2533 x the mean
        // absolute deviation (0 x 6 + 10 + 10) / 8 = 2.5, i.e. 3.133; the deviations 10 and -10 stay within
        // 5 x 3.133 = 15.7
        assertThat(QualityCheck.outliers(points(0, 1, 2, 3, 14, 5, 6, 7, 8), DAILY, 5).count()).isZero();
        // at threshold 3 (9.4) they do: the point at day 4
        QualityReport.Outliers spike = QualityCheck.outliers(points(0, 1, 2, 3, 14, 5, 6, 7, 8), DAILY, 3);
        assertThat(spike.count()).isEqualTo(1);
        assertThat(spike.points().get(0).timestamp()).isEqualTo(day(4));
        assertThat(spike.points().get(0).jumpIn()).isEqualTo(11.0);
        assertThat(spike.points().get(0).jumpOut()).isEqualTo(-9.0);
    }

    @Test
    void aPointNextToAGapIsNotJudged() {
        // day 4 missing: the change into day 5 is unknown, so the 40 at day 5 is not a spike however large
        assertThat(QualityCheck.outliers(points(0, 1, 0, 1, Double.NaN, 40, 0, 1, 0, 1), DAILY, 3).count()).isZero();
    }

    @Test
    void gapsAndFlatRunsAreCountedOnTheGrid() {
        double n = Double.NaN;
        List<Point> series = points(1, 2, 2, 2, n, 2, 2, n, n, 3, 3, 3, 3);
        QualityReport.Gaps gaps = QualityCheck.gaps(series, DAILY);
        assertThat(gaps.runs()).isEqualTo(2);
        assertThat(gaps.missing()).isEqualTo(3);
        assertThat(gaps.longest()).isEqualTo(new QualityReport.Stretch(day(7), day(8), 2));
        // 2,2,2 (days 1-3) and 2,2 (days 5-6) are broken by the gap; 3,3,3,3 (days 9-12) is the longest
        QualityReport.Flat flat = QualityCheck.flat(series, DAILY, 3);
        assertThat(flat.runs()).isEqualTo(2);
        assertThat(flat.longest()).isEqualTo(new QualityReport.Stretch(day(9), day(12), 4));
        assertThat(flat.value()).isEqualTo(3.0);
        assertThat(QualityCheck.flat(series, DAILY, 5).runs()).isZero();
    }

    @Test
    void theLastPointIsOverdueByTheGridStepsDueSinceIt() {
        QualityReport.LastPoint last = QualityCheck.lastPoint(day(10), DAILY, day(13).plusSeconds(3600));
        assertThat(last.stepsOverdue()).isEqualTo(3);
        assertThat(last.nextDue()).isEqualTo(day(11));
        assertThat(last.age()).isEqualTo(Duration.ofDays(3).plusHours(1));
        assertThat(QualityCheck.lastPoint(day(10), DAILY, day(10).plusSeconds(60)).stepsOverdue()).isZero();
    }
}
