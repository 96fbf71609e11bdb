package dev.tsforge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift test's arithmetic on hand-made errors: the CUSUM's steps, the window's ratio, the flag's two gates. */
class DriftCheckTests {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final LedgerProperties.Drift SETTINGS = new LedgerProperties.Drift(1.5, 0.5, 5, 4);
    /** Reference error 1 at step 1, 2 at step 2. */
    private static final ModelReference REFERENCE = new ModelReference(1, new double[] {1, 2}, 1.5, null);

    private static RecordedStep step(int hour, int step, double error) {
        return new RecordedStep(hour, 1, 1, step, T0.plusSeconds(3600L * hour), 10, List.of(), null, 10 + error);
    }

    @Test
    void errorsAsLargeAsTheReferenceNeverRaiseTheCusum() {
        List<RecordedStep> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            steps.add(step(i, 1 + i % 2, i % 2 == 0 ? 1 : -2));
        }
        Drift drift = DriftCheck.evaluate(steps, REFERENCE, SETTINGS, 30, null, T0);
        assertThat(drift.cusum()).isZero();
        assertThat(drift.ratio()).isCloseTo(1.0, within(1e-12));
        assertThat(drift.drifting()).isFalse();
        assertThat(drift.flaggedAt()).isNull();
    }

    @Test
    void aSustainedRiseCrossesBothGates() {
        // scaled errors 3, 3, 3 at step 1 (reference 1): the CUSUM adds 3 - 1 - 0.5 = 1.5 each
        List<RecordedStep> steps = new ArrayList<>(List.of(step(0, 1, 3), step(1, 1, -3), step(2, 1, 3)));
        Drift early = DriftCheck.evaluate(steps, REFERENCE, SETTINGS, 30, null, T0);
        assertThat(early.cusum()).isCloseTo(4.5, within(1e-12));
        assertThat(early.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(early.drifting()).as("3 steps, fewer than minSteps").isFalse();
        // then an error of 4 at step 2 (reference 2): scaled 2, adds 0.5
        steps.add(step(3, 2, 4));
        steps.add(step(4, 1, 1.6));
        Drift flagged = DriftCheck.evaluate(steps, REFERENCE, SETTINGS, 30, early, T0.plusSeconds(60));
        assertThat(flagged.cusum()).isCloseTo(4.5 + 0.5 + 0.1, within(1e-12));
        assertThat(flagged.ratio()).isCloseTo((3 + 3 + 3 + 4 + 1.6) / (1 + 1 + 1 + 2 + 1), within(1e-12));
        assertThat(flagged.liveMae()).isCloseTo(14.6 / 5, within(1e-12));
        assertThat(flagged.referenceMae()).isCloseTo(6.0 / 5, within(1e-12));
        assertThat(flagged.drifting()).isTrue();
        assertThat(flagged.flaggedAt()).isEqualTo(T0.plusSeconds(60));

        Drift still = DriftCheck.evaluate(steps, REFERENCE, SETTINGS, 30, flagged, T0.plusSeconds(120));
        assertThat(still.flaggedAt()).as("raised once").isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theRatioReadsOnlyTheWindowTheCusumEverything() {
        List<RecordedStep> steps = new ArrayList<>();
        for (int day = 0; day < 8; day++) {
            steps.add(step(24 * day, 1, day < 4 ? 5 : 1));
        }
        Drift drift = DriftCheck.evaluate(steps, REFERENCE, SETTINGS, 3, null, T0);
        // the window: days 4 to 7 (targets at most 3 days before the newest), all errors equal the reference
        assertThat(drift.ratio()).isCloseTo(1.0, within(1e-12));
        // 4 × (5 - 1.5) = 14, then 4 × (1 - 1.5) = -2 in all
        assertThat(drift.cusum()).isCloseTo(12.0, within(1e-12));
        assertThat(drift.drifting()).as("the window no longer shows it").isFalse();
    }

    @Test
    void stepsBeyondTheCalibrationUseTheHoldoutError() {
        assertThat(REFERENCE.error(3)).isEqualTo(1.5);
        assertThat(ModelReference.UNKNOWN.error(1)).isNaN();
    }
}
