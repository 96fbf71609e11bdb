package dev.tsforge.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Polling for tests: asks {@code probe} every {@code every} until {@code done} holds, and fails with the last thing
 * it saw once {@code patience} has passed. The one loop the tests wait with (jobs, processes, readiness).
 */
public final class Await {

    private Await() {
    }

    /** Returns the first value {@code done} accepts. */
    public static <T> T until(String what, Duration patience, Duration every, Callable<T> probe, Predicate<T> done)
            throws Exception {
        return until(what, patience, every, probe, done, last -> String.valueOf(last));
    }

    /**
     * Like {@link #until(String, Duration, Duration, Callable, Predicate)}; {@code describe} turns the last value seen
     * (null when none) into the failure message's tail.
     */
    public static <T> T until(String what, Duration patience, Duration every, Callable<T> probe, Predicate<T> done,
            Function<T, String> describe) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        T last = null;
        do {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(every.toMillis());
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(what + " did not happen within " + patience.toSeconds() + " s: "
                + describe.apply(last));
    }
}
