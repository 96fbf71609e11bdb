package dev.tsforge.evaluation;

/**
 * The M4 competition's overall weighted average: a method's sMAPE and MASE each relative to Naive2's on the same
 * series (or the means over a set of series), averaged. Below 1 the method beats Naive2; the M4 winner scored 0.821.
 */
public final class Owa {

    private Owa() {
    }

    public static double of(double smape, double mase, double naive2Smape, double naive2Mase) {
        if (!(naive2Smape > 0) || !(naive2Mase > 0)) {
            throw new IllegalArgumentException("Naive2's sMAPE and MASE must be positive to compare with");
        }
        return 0.5 * (smape / naive2Smape + mase / naive2Mase);
    }
}
