package dev.tsforge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packed steps of a recorded forecast: what goes in comes out bit for bit (points, targets to the microsecond,
 * baselines and bounds missing or not, actuals arrived or not), in the documented size, and a format this build does
 * not know is refused rather than misread.
 */
class PackedStepsTests {

    private static final Instant ORIGIN = Instant.parse("2024-03-01T23:00:00Z");

    private static List<RecordedStep> steps() {
        List<RecordedStep> steps = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            List<Bound> bounds = List.of(new Bound(80.0, k == 4 ? null : 10 - k * 0.1, k == 4 ? null : 10 + k * 0.1),
                    new Bound(95.0, -0.0, 1e300 * k));
            steps.add(new RecordedStep(7, 3, 11, k, ORIGIN.plusSeconds(3600L * k), Math.PI * k, bounds,
                    k == 2 ? null : -k / 3.0, k % 2 == 1 ? Double.MIN_VALUE * k : null));
        }
        // a target off the whole second: what a timestamp column could hold
        RecordedStep last = steps.remove(4);
        steps.add(new RecordedStep(7, 3, 11, 5, last.target().plusNanos(123_456_000), last.point(), last.intervals(),
                last.baseline(), last.actual()));
        return steps;
    }

    @Test
    void stepsComeBackAsTheyWent() {
        List<RecordedStep> steps = steps();
        byte[] forecast = PackedSteps.forecast(steps);
        byte[] actuals = PackedSteps.actuals(steps);

        assertThat(PackedSteps.steps(7, 3, 11, forecast, actuals)).isEqualTo(steps);
        // 1 format byte, step and level counts, 2 levels; per step a target, point, baseline and 2 bounds per level
        assertThat(forecast).hasSize(1 + 4 + 4 + 2 * 8 + 5 * 8 * (3 + 2 * 2));
        assertThat(actuals).hasSize(5 * 8);
        assertThat(PackedSteps.steps(7, 3, 11, forecast, null)).extracting(RecordedStep::actual)
                .containsOnlyNulls();
        assertThat(PackedSteps.steps(7, 3, 11, forecast, actuals).get(3).intervals().get(0))
                .isEqualTo(new Bound(80.0, null, null));
    }

    @Test
    void aStepWithoutABoundAtALevelReadsNullsThere() {
        List<RecordedStep> steps = new ArrayList<>(steps().subList(0, 2));
        RecordedStep second = steps.get(1);
        steps.set(1, new RecordedStep(7, 3, 11, 2, second.target(), second.point(), List.of(second.intervals().get(1)),
                null, null));

        List<RecordedStep> read = PackedSteps.steps(7, 3, 11, PackedSteps.forecast(steps), PackedSteps.actuals(steps));

        assertThat(read.get(0)).isEqualTo(steps.get(0));
        assertThat(read.get(1).intervals()).containsExactly(new Bound(80.0, null, null), second.intervals().get(1));
    }

    @Test
    void noStepsPackToAHeader() {
        byte[] forecast = PackedSteps.forecast(List.of());

        assertThat(forecast).hasSize(9);
        assertThat(PackedSteps.steps(1, 1, 1, forecast, PackedSteps.actuals(List.of()))).isEmpty();
    }

    @Test
    void anUnknownFormatIsRefused() {
        byte[] forecast = PackedSteps.forecast(steps());
        forecast[0] = 2;

        assertThatThrownBy(() -> PackedSteps.steps(7, 3, 11, forecast, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format 2");
    }

    @Test
    void theLegacyBoundsOfAStepRowDecode() {
        assertThat(Bound.decode("80.0:9.5:10.5;95.0::")).containsExactly(new Bound(80.0, 9.5, 10.5),
                new Bound(95.0, null, null));
        assertThat(Bound.decode("")).isEmpty();
    }
}
