package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.model.History;
import dev.tsforge.model.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Concurrent callers of one model share forward passes, each gets exactly its own forecast, and one caller's bad
 * input fails only that caller.
 */
class CoalescingPredictorTests {

    /**
     * Stands in for a network: a pure function of each history (its last value plus the step), one synchronized
     * "pass" of 2 ms per call whatever the batch size, as small recurrent networks behave. Records the batch sizes.
     */
    private static final class SlowPassPredictor implements Predictor {
        final List<Integer> batches = new CopyOnWriteArrayList<>();

        @Override
        public int lookback() {
            return 3;
        }

        @Override
        public int outputSteps() {
            return 1;
        }

        @Override
        public double[] forecast(History history, int horizon) {
            return forecastAll(List.of(history), horizon)[0];
        }

        @Override
        public synchronized double[][] forecastAll(List<History> histories, int horizon) {
            batches.add(histories.size());
            double[][] values = new double[histories.size()][horizon];
            for (int i = 0; i < histories.size(); i++) {
                double[] history = histories.get(i).values();
                if (history.length < lookback()) {
                    throw new IllegalArgumentException("Need " + lookback() + " values, got " + history.length);
                }
                for (int k = 0; k < horizon; k++) {
                    values[i][k] = history[history.length - 1] + k + 1;
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return values;
        }
    }

    /**
     * Callers that take one of two turns before they forecast, as requests admitted by {@code ForecastAdmission} do:
     * each hands its turn back as it queues for the network, so more than two share a pass, and every turn is back
     * at the end.
     */
    @Test
    void callersHoldingTurnsHandThemBackWhileTheyWaitForThePass() throws Exception {
        SlowPassPredictor network = new SlowPassPredictor();
        CoalescingPredictor predictor = new CoalescingPredictor(network);
        Semaphore turns = new Semaphore(2, true);
        List<Double> sums = startedTogether(12, caller -> () -> {
            double sum = 0;
            for (int r = 0; r < 10; r++) {
                turns.acquire();
                ForecastTurn.taken(turns);
                try {
                    sum += predictor.forecast(History.of(new double[] {0, 0, caller}), 1)[0];
                } finally {
                    ForecastTurn.handBack();
                }
            }
            return sum;
        });

        for (int c = 0; c < sums.size(); c++) {
            assertThat(sums.get(c)).isEqualTo(10 * (c + 1.0));
        }
        assertThat(turns.availablePermits()).isEqualTo(2);
        assertThat(network.batches.stream().mapToInt(Integer::intValue).max().orElse(0))
                .as("more callers in one pass than there are turns").isGreaterThan(2);
    }

    @Test
    void concurrentCallersShareForwardPassesAndGetTheirOwnForecasts() throws Exception {
        SlowPassPredictor network = new SlowPassPredictor();
        CoalescingPredictor predictor = new CoalescingPredictor(network);
        int callers = 16;
        int requestsEach = 20;
        List<Boolean> results = startedTogether(callers, caller -> () -> {
            boolean allOwn = true;
            for (int r = 0; r < requestsEach; r++) {
                double last = caller * 1000 + r;
                int horizon = 1 + (caller % 3);
                double[] forecast = predictor.forecast(History.of(new double[] {0, 0, last}), horizon);
                allOwn &= forecast.length == horizon && forecast[0] == last + 1 && forecast[horizon - 1] == last + horizon;
            }
            return allOwn;
        });

        assertThat(results).as("each caller got the forecast of its own history").containsOnly(true);
        int requests = callers * requestsEach;
        assertThat(network.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests);
        assertThat(network.batches.size()).as("fewer passes than requests").isLessThan(requests / 2);
        assertThat(network.batches.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(1);
    }

    @Test
    void aLoneCallerRunsAtOnceAndABadHistoryFailsOnlyItsCaller() throws Exception {
        SlowPassPredictor network = new SlowPassPredictor();
        CoalescingPredictor predictor = new CoalescingPredictor(network);
        assertThat(predictor.forecast(History.of(new double[] {1, 2, 3}), 2)).containsExactly(4, 5);
        assertThat(network.batches).containsExactly(1);
        assertThatThrownBy(() -> predictor.forecast(History.of(new double[] {1}), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Need 3 values");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[]>> good = new ArrayList<>();
            List<Future<double[]>> bad = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double last = i;
                good.add(pool.submit(() -> predictor.forecast(History.of(new double[] {0, 0, last}), 1)));
                bad.add(pool.submit(() -> predictor.forecast(History.of(new double[] {last}), 1)));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(good.get(i).get()).containsExactly(i + 1.0);
                int at = i;
                assertThatThrownBy(() -> bad.get(at).get()).hasCauseInstanceOf(IllegalArgumentException.class);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Runs {@code callers} callers, each on its own thread, released together; their results in caller order. */
    private static <T> List<T> startedTogether(int callers, IntFunction<Callable<T>> caller) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < callers; c++) {
                Callable<T> work = caller.apply(c);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
