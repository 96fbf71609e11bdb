package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job state machine's table, whole: every pair of states, allowed or not. */
class JobStatusTests {

    @Test
    void onlyTheDrawnStepsAreAllowed() {
        List<String> allowed = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactly(
                "QUEUED->RUNNING", "QUEUED->FAILED", "QUEUED->CANCELLED",
                "RUNNING->QUEUED", "RUNNING->RUNNING", "RUNNING->SUCCEEDED", "RUNNING->FAILED", "RUNNING->CANCELLED");
    }

    @Test
    void finalStatesAreTheOnesWithNoWayOut() {
        for (JobStatus status : JobStatus.values()) {
            boolean hasWayOut = false;
            for (JobStatus next : JobStatus.values()) {
                hasWayOut |= status.canMoveTo(next);
            }
            assertThat(status.isFinal()).as(status.name()).isEqualTo(!hasWayOut);
        }
    }
}
