package dev.tsforge.forecasting;

import dev.tsforge.model.History;
import dev.tsforge.model.Predictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the forecasts that concurrent requests ask of one model together, one forward pass per step for all of them.
 * A network runs one pass at a time anyway ({@code output()} is synchronized), and a small recurrent network costs
 * about as much for 8 windows as for 1: so while a pass runs, new requests queue, and the next caller to get the
 * network takes everything queued. An idle service adds no wait: a lone request runs at once.
 */
final class CoalescingPredictor implements Predictor {

    /** Windows in one pass at most: beyond, one slow pass delays everyone in it more than batching saves. */
    static final int MAX_ROWS = 256;

    private final Predictor delegate;
    /**
     * Fair: the longest waiter runs next and takes everything queued. An unfair lock lets a caller that just finished
     * barge in with its next lone request while the others are still waking up (seen: almost no batching).
     */
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();

    CoalescingPredictor(Predictor delegate) {
        this.delegate = delegate;
    }

    /** One caller's histories, and what became of them. */
    private static final class Pending {
        final List<History> histories;
        final int horizon;
        volatile double[][] result;
        volatile RuntimeException failure;
        volatile boolean done;

        Pending(List<History> histories, int horizon) {
            this.histories = histories;
            this.horizon = horizon;
        }
    }

    @Override
    public int lookback() {
        return delegate.lookback();
    }

    @Override
    public int outputSteps() {
        return delegate.outputSteps();
    }

    @Override
    public void requireCovariates(History history, int horizon) {
        delegate.requireCovariates(history, horizon);
    }

    @Override
    public double[] forecast(History history, int horizon) {
        return forecastAll(List.of(history), horizon)[0];
    }

    @Override
    public double[][] forecastAll(List<History> histories, int horizon) {
        // the wait below is for the network, not for a core: others may join the pass meanwhile
        ForecastTurn.handBack();
        Pending mine = new Pending(histories, horizon);
        waiting.add(mine);
        while (!mine.done) {
            turn.lock();
            try {
                if (!mine.done) {
                    runWaiting();
                }
            } finally {
                turn.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void runWaiting() {
        Map<Integer, List<Pending>> byHorizon = new LinkedHashMap<>();
        int rows = 0;
        Pending next;
        while (rows < MAX_ROWS && (next = waiting.poll()) != null) {
            byHorizon.computeIfAbsent(next.horizon, h -> new ArrayList<>()).add(next);
            rows += next.histories.size();
        }
        byHorizon.forEach((horizon, group) -> run(group, horizon));
    }

    private void run(List<Pending> group, int horizon) {
        List<History> all = new ArrayList<>();
        for (Pending pending : group) {
            all.addAll(pending.histories);
        }
        try {
            double[][] values = delegate.forecastAll(all, horizon);
            int from = 0;
            for (Pending pending : group) {
                pending.result = Arrays.copyOfRange(values, from, from + pending.histories.size());
                from += pending.histories.size();
                pending.done = true;
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).failure = e;
                group.get(0).done = true;
                return;
            }
            // one caller's bad input must not fail the others: each on its own
            for (Pending pending : group) {
                run(List.of(pending), horizon);
            }
        }
    }
}
