package dev.tsforge.model.internal.network;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Spreads a roll-out's independent rows over the cores (the common pool and the calling thread) when no other
 * roll-out is spread at that moment, else runs them on the calling thread. One big call alone (a collection's
 * forecast) gets every core; concurrent requests already keep the cores busy, and a request thread that split its
 * rows among them spun waiting for rows the pool's few workers had taken, where it could have computed them itself.
 */
final class CoreSpread {

    private static final AtomicBoolean SPREADING = new AtomicBoolean();

    private CoreSpread() {
    }

    /** Runs {@code row} for 0 … count − 1, spread over the cores when {@code worthIt} and no other call is spread. */
    static void forEach(int count, boolean worthIt, IntConsumer row) {
        if (worthIt && count > 1 && SPREADING.compareAndSet(false, true)) {
            try {
                IntStream.range(0, count).parallel().forEach(row);
            } finally {
                SPREADING.set(false);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            row.accept(i);
        }
    }
}
