package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Rows spread over the cores by one call at a time; a call meanwhile runs every row on its own thread. */
class CoreSpreadTests {

    @Test
    void aCallWhileAnotherIsSpreadRunsItsRowsOnItsOwnThreadAndEveryRowOnce() throws Exception {
        CountDownLatch spreading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicIntegerArray firstRuns = new AtomicIntegerArray(64);
        Thread first = new Thread(() -> CoreSpread.forEach(64, true, i -> {
            firstRuns.incrementAndGet(i);
            spreading.countDown();
            await(release);
        }), "first");
        first.start();
        assertThat(spreading.await(10, TimeUnit.SECONDS)).isTrue();

        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray secondRuns = new AtomicIntegerArray(64);
        CoreSpread.forEach(64, true, i -> {
            secondRuns.incrementAndGet(i);
            threads.add(Thread.currentThread().getName());
        });
        assertThat(threads).as("the first call holds the spread").containsExactly(Thread.currentThread().getName());
        release.countDown();
        first.join(10_000);
        for (int i = 0; i < 64; i++) {
            assertThat(firstRuns.get(i)).as("row %d of the spread call", i).isEqualTo(1);
            assertThat(secondRuns.get(i)).as("row %d of the second call", i).isEqualTo(1);
        }
    }

    @Test
    void aCallNotWorthSpreadingStaysOnItsThread() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CoreSpread.forEach(1000, false, i -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
