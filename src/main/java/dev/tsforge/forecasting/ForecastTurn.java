package dev.tsforge.forecasting;

import java.util.concurrent.Semaphore;

/**
 * The turn a forecast request's thread holds while it computes ({@code ForecastAdmission}), so that a forecast about
 * to wait rather than compute can hand it back. A model served through DL4J's {@code output()} runs one pass at a
 * time and shares it among the requests queued for it ({@link CoalescingPredictor}): a request holding a turn while
 * it queued there would keep the others that could share its pass from getting one.
 */
public final class ForecastTurn {

    private static final ThreadLocal<Semaphore> HELD = new ThreadLocal<>();

    private ForecastTurn() {
    }

    /** Records that the current thread took a turn of {@code turns}. */
    public static void taken(Semaphore turns) {
        HELD.set(turns);
    }

    /** Gives the current thread's turn back, if it still holds one; nothing otherwise. */
    public static void handBack() {
        Semaphore turns = HELD.get();
        if (turns != null) {
            HELD.remove();
            turns.release();
        }
    }
}
