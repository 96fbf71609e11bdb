package dev.tsforge.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which cron tick is due: the latest at or before now, after the policy was set and after the last tick taken. */
class RetrainingPolicyTests {

    private static final Instant SET = Instant.parse("2024-01-01T00:00:00Z");

    private static RetrainingPolicy schedule(String cron, Instant lastTick, Instant updatedAt) {
        return new RetrainingPolicy(1, 1L, null, RetrainingTrigger.SCHEDULE, cron, null, RetrainingStart.WARM,
                lastTick, updatedAt);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void aDailyTickIsDueFromItsTimeUntilItIsTaken() {
        RetrainingPolicy daily = schedule("0 0 3 * * *", null, SET);
        assertThat(daily.dueTick(at("2024-01-01T02:59:59Z"))).isNull();
        assertThat(daily.dueTick(at("2024-01-01T03:00:00Z"))).isEqualTo(at("2024-01-01T03:00:00Z"));
        assertThat(daily.dueTick(at("2024-01-01T17:00:00Z"))).isEqualTo(at("2024-01-01T03:00:00Z"));
        RetrainingPolicy taken = schedule("0 0 3 * * *", at("2024-01-01T03:00:00Z"), SET);
        assertThat(taken.dueTick(at("2024-01-01T17:00:00Z"))).isNull();
        assertThat(taken.dueTick(at("2024-01-02T03:00:01Z"))).isEqualTo(at("2024-01-02T03:00:00Z"));
    }

    @Test
    void missedTicksFireOnceAsTheLatest() {
        RetrainingPolicy daily = schedule("0 0 3 * * *", at("2024-01-01T03:00:00Z"), SET);
        assertThat(daily.dueTick(at("2024-01-05T05:00:00Z"))).isEqualTo(at("2024-01-05T03:00:00Z"));
        RetrainingPolicy monthly = schedule("0 0 0 1 * *", null, SET);
        assertThat(monthly.dueTick(at("2025-03-20T00:00:00Z"))).isEqualTo(at("2025-03-01T00:00:00Z"));
        assertThat(schedule("0 0 0 1 1 *", null, SET).dueTick(at("2027-06-01T00:00:00Z")))
                .as("a yearly tick, 17 months on").isEqualTo(at("2027-01-01T00:00:00Z"));
        RetrainingPolicy everySecond = schedule("* * * * * *", at("2024-01-02T00:00:00Z"), SET);
        assertThat(everySecond.dueTick(at("2024-02-01T12:00:00.500Z"))).isEqualTo(at("2024-02-01T12:00:00Z"));
    }

    @Test
    void ticksBeforeThePolicyWasSetAreNotDue() {
        RetrainingPolicy setLate = schedule("0 0 3 * * *", null, at("2024-01-01T03:30:00Z"));
        assertThat(setLate.dueTick(at("2024-01-01T23:00:00Z"))).isNull();
        assertThat(setLate.dueTick(at("2024-01-02T03:00:00Z"))).isEqualTo(at("2024-01-02T03:00:00Z"));
    }

    @Test
    void onlyAScheduleHasTicks() {
        RetrainingPolicy drift = new RetrainingPolicy(1, 1L, null, RetrainingTrigger.ON_DRIFT, null, null,
                RetrainingStart.WARM, null, SET);
        assertThat(drift.dueTick(at("2024-06-01T00:00:00Z"))).isNull();
    }
}
