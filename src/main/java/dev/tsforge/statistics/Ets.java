package dev.tsforge.statistics;

import dev.tsforge.statistics.EtsForm.Component;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exponential smoothing state space models (ETS) fitted and chosen as Hyndman's forecast::ets does with its defaults
 * (R package forecast 8.x): heuristic initial states, then the smoothing parameters and initial states together by
 * Nelder-Mead on the likelihood, within the "usual" bounds and the admissible region, and the form with the smallest
 * AICc among those R tries.
 *
 * <p>Which forms {@link #select} tries, as R does: additive or multiplicative error; no trend, additive trend, damped
 * additive trend (no multiplicative trend); no, additive or multiplicative season. Left out: an additive error with a
 * multiplicative season (unstable), anything multiplicative unless every value is strictly positive, and every
 * seasonal form unless {@code 1 < period <= 24} and the series is longer than one period. A form whose parameters
 * and initial states number {@code n - 1} or more is skipped. With fewer than three full periods the seasonal
 * states start from a regression on a trend and one Fourier pair instead of a classical decomposition.
 */
public final class Ets {

    /** R falls back to Holt-Winters below this length; we ask for more data instead. */
    public static final int MIN_HISTORY = 7;
    /** R's limit: longer seasons need other methods (STL, TBATS). */
    public static final int MAX_PERIOD = 24;

    static final double LOWER_SMOOTHING = 1e-4;
    static final double UPPER_SMOOTHING = 0.9999;
    static final double LOWER_PHI = 0.8;
    static final double UPPER_PHI = 0.98;
    private static final int MAX_EVALUATIONS = 2000;
    private static final double RELATIVE_TOLERANCE = Math.sqrt(Math.ulp(1.0));
    /** R caps the criterion so that a perfect fit does not run off to minus infinity. */
    private static final double PERFECT_FIT = -1e10;

    private Ets() {
    }

    /** Fits every admissible form and returns the one with the smallest AICc (forecast::ets defaults). */
    public static EtsFit select(double[] y, int period) {
        check(y, period);
        if (isConstant(y)) {
            return EtsFit.constant(y, period);
        }
        boolean positive = Arrays.stream(y).min().orElseThrow() > 0;
        boolean seasonal = period > 1 && period <= MAX_PERIOD && y.length > period;
        EtsFit best = null;
        for (EtsForm form : candidates(positive, seasonal)) {
            EtsFit fit = tryFit(y, period, form);
            if (fit != null && !Double.isNaN(fit.aicc()) && (best == null || fit.aicc() < best.aicc())) {
                best = fit;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no ETS model can be fitted to these " + y.length + " values");
        }
        return best;
    }

    /**
     * Fits one form (parameters and initial states by maximum likelihood). Unlike {@link #select} it takes any form,
     * also the ones R leaves out by default, provided the data suit it: a seasonal form needs
     * {@code 1 < period <= 24} and more values than R's Holt-Winters fallback threshold (parameters + states + 4).
     */
    public static EtsFit fit(double[] y, int period, EtsForm form) {
        check(y, period);
        if (form.needsPositiveData() && Arrays.stream(y).min().orElseThrow() <= 0) {
            throw new IllegalArgumentException("form " + form + " needs strictly positive values");
        }
        if (form.hasSeason() && (period <= 1 || period > MAX_PERIOD)) {
            throw new IllegalArgumentException("form " + form + " needs a period between 2 and " + MAX_PERIOD
                    + ", got " + period);
        }
        int parameters = parameters(form, period);
        if (y.length <= parameters + 4) {
            throw new IllegalArgumentException("form " + form + " needs more than " + (parameters + 4)
                    + " values, got " + y.length);
        }
        EtsFit fit = tryFit(y, period, form);
        if (fit == null) {
            throw new IllegalArgumentException("form " + form + " cannot be fitted to these values");
        }
        return fit;
    }

    /**
     * Whether {@code values} values are enough for a seasonal form of this period by R's rule: more than the
     * parameters and initial states of the smallest one (ANA) and 4, its Holt-Winters fallback threshold. {@link
     * #select} tries seasonal forms on a little less (fewer parameters than values less one), where they seldom fit.
     */
    public static boolean seasonalFormsFit(int values, int period) {
        return period > 1 && period <= MAX_PERIOD
                && values > parameters(new EtsForm(Component.ADDITIVE, Component.NONE, false, Component.ADDITIVE),
                        period) + 4;
    }

    /** Smoothing parameters and initial states: level, trend (and its smoothing), season, damping. */
    private static int parameters(EtsForm form, int period) {
        return 2 + (form.hasTrend() ? 2 : 0) + (form.hasSeason() ? period : 0) + (form.damped() ? 1 : 0);
    }

    /** R's order of trial; with equal AICc the earlier form stays. */
    static List<EtsForm> candidates(boolean positive, boolean seasonal) {
        List<EtsForm> forms = new ArrayList<>();
        for (Component error : List.of(Component.ADDITIVE, Component.MULTIPLICATIVE)) {
            for (Component trend : List.of(Component.NONE, Component.ADDITIVE)) {
                for (Component season : Component.values()) {
                    for (boolean damped : new boolean[] {true, false}) {
                        boolean unstable = error == Component.ADDITIVE && season == Component.MULTIPLICATIVE;
                        if ((trend == Component.NONE && damped) || unstable || (!seasonal && season != Component.NONE)
                                || (!positive && error == Component.MULTIPLICATIVE)) {
                            continue;
                        }
                        forms.add(new EtsForm(error, trend, damped, season));
                    }
                }
            }
        }
        return forms;
    }

    /** The fit, or null where R would skip the form: too many parameters, or no finite likelihood. */
    private static EtsFit tryFit(double[] y, int period, EtsForm form) {
        int m = form.hasSeason() ? period : 1;
        Layout layout = new Layout(form, m);
        double[] start = layout.startingParameters();
        double[] states = EtsInitialStates.of(y, form, m);
        int count = start.length + states.length;
        if (count >= y.length - 1) {
            return null;
        }
        double[] par = Arrays.copyOf(start, count);
        System.arraycopy(states, 0, par, start.length, states.length);
        NelderMead.Result result;
        try {
            result = NelderMead.minimize(p -> criterion(y, layout, p), par, RELATIVE_TOLERANCE, MAX_EVALUATIONS);
        } catch (IllegalArgumentException notEvaluable) {
            return null;
        }
        double[] best = result.point();
        EtsRecursion.Smoothing smoothing = layout.smoothing(best);
        double[] initial = layout.fullStates(best);
        double[] errors = new double[y.length];
        double[] last = new double[initial.length];
        double criterion = EtsRecursion.run(y, form, m, smoothing, initial, errors, last);
        if (Double.isNaN(criterion)) {
            return null;
        }
        return new EtsFit(form, period, smoothing, initial, last, errors, y, criterion, count);
    }

    /** What Nelder-Mead minimises: R's {@code lik}, infinite outside the bounds or the admissible region. */
    private static double criterion(double[] y, Layout layout, double[] p) {
        EtsRecursion.Smoothing smoothing = layout.smoothing(p);
        if (!layout.withinBounds(smoothing) || !EtsAdmissibility.admissible(layout.form, layout.m, smoothing)) {
            return Double.POSITIVE_INFINITY;
        }
        double[] initial = layout.fullStates(p);
        if (layout.form.season() == Component.MULTIPLICATIVE) {
            for (int i = layout.form.hasTrend() ? 2 : 1; i < initial.length; i++) {
                if (initial[i] < 0) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        double value = EtsRecursion.run(y, layout.form, layout.m, smoothing, initial, null, null);
        if (Double.isNaN(value)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(value, PERFECT_FIT);
    }

    /**
     * Where each quantity sits in the optimised vector, as in R: alpha, beta?, gamma?, phi?, then level, slope? and
     * m - 1 seasonal states; the last seasonal state is implied (seasonal states sum to 0, or to m when multiplicative).
     */
    private record Layout(EtsForm form, int m) {

        int count() {
            return 1 + (form.hasTrend() ? 1 : 0) + (form.hasSeason() ? 1 : 0) + (form.damped() ? 1 : 0);
        }

        /** R's {@code initparam} with the default bounds. */
        double[] startingParameters() {
            double[] start = new double[count()];
            double alpha = LOWER_SMOOTHING + 0.2 * (UPPER_SMOOTHING - LOWER_SMOOTHING) / m;
            int j = 0;
            start[j++] = alpha;
            if (form.hasTrend()) {
                start[j++] = LOWER_SMOOTHING + 0.1 * (Math.min(UPPER_SMOOTHING, alpha) - LOWER_SMOOTHING);
            }
            if (form.hasSeason()) {
                start[j++] = LOWER_SMOOTHING + 0.05 * (Math.min(UPPER_SMOOTHING, 1 - alpha) - LOWER_SMOOTHING);
            }
            if (form.damped()) {
                start[j] = LOWER_PHI + 0.99 * (UPPER_PHI - LOWER_PHI);
            }
            return start;
        }

        EtsRecursion.Smoothing smoothing(double[] p) {
            int j = 1;
            double beta = form.hasTrend() ? p[j++] : 0;
            double gamma = form.hasSeason() ? p[j++] : 0;
            double phi = form.damped() ? p[j] : 1;
            return new EtsRecursion.Smoothing(p[0], beta, gamma, phi);
        }

        /** R's "usual" bounds: each parameter in its interval, beta at most alpha, gamma at most 1 - alpha. */
        boolean withinBounds(EtsRecursion.Smoothing s) {
            if (s.alpha() < LOWER_SMOOTHING || s.alpha() > UPPER_SMOOTHING) {
                return false;
            }
            if (form.hasTrend() && (s.beta() < LOWER_SMOOTHING || s.beta() > s.alpha() || s.beta() > UPPER_SMOOTHING)) {
                return false;
            }
            if (form.damped() && (s.phi() < LOWER_PHI || s.phi() > UPPER_PHI)) {
                return false;
            }
            return !form.hasSeason()
                    || (s.gamma() >= LOWER_SMOOTHING && s.gamma() <= 1 - s.alpha() && s.gamma() <= UPPER_SMOOTHING);
        }

        double[] fullStates(double[] p) {
            int given = p.length - count();
            double[] states = Arrays.copyOfRange(p, count(), p.length + (form.hasSeason() ? 1 : 0));
            if (form.hasSeason()) {
                double sum = 0;
                for (int i = form.hasTrend() ? 2 : 1; i < given; i++) {
                    sum += states[i];
                }
                states[given] = (form.season() == Component.MULTIPLICATIVE ? m : 0) - sum;
            }
            return states;
        }
    }

    private static void check(double[] y, int period) {
        if (y == null || y.length < MIN_HISTORY) {
            throw new IllegalArgumentException("ETS needs at least " + MIN_HISTORY + " values, got "
                    + (y == null ? 0 : y.length));
        }
        for (int t = 0; t < y.length; t++) {
            if (!Double.isFinite(y[t])) {
                throw new IllegalArgumentException("ETS needs finite values; value " + t + " is " + y[t]);
            }
        }
        if (period < 1) {
            throw new IllegalArgumentException("the period must be at least 1, got " + period);
        }
    }

    private static boolean isConstant(double[] y) {
        for (double value : y) {
            if (value != y[0]) {
                return false;
            }
        }
        return true;
    }
}
