package dev.tsforge.statistics;

import dev.tsforge.statistics.EtsForm.Component;

/**
 * The innovations state space recursion of an ETS model, as forecast's {@code etscalc} runs it: one-step forecast,
 * error, state update, and the likelihood criterion R minimises. States are laid out as R lays them out: level,
 * slope (with a trend), then the seasonal states newest first (with a season).
 */
final class EtsRecursion {

    /** Guards against division by a vanishing level, season or slope, with the stand-in R uses for the quotient. */
    private static final double TOLERANCE = 1e-10;
    private static final double HUGE = 1e10;

    private EtsRecursion() {
    }

    /** Smoothing parameters; {@code beta}, {@code gamma} are 0 and {@code phi} is 1 where the form has none. */
    record Smoothing(double alpha, double beta, double gamma, double phi) {
    }

    /**
     * Runs the recursion over {@code y} from {@code initial} (level, slope?, m seasonal states newest first). Writes the
     * one-step errors into {@code errors} (relative errors for a multiplicative error) and the states after the last
     * value into {@code last} when they are not null. Returns R's criterion {@code n log(sum e^2)}, plus
     * {@code 2 sum log|forecast|} for a multiplicative error, or NaN where a multiplicative slope turned negative.
     */
    static double run(double[] y, EtsForm form, int period, Smoothing smoothing, double[] initial, double[] errors,
            double[] last) {
        int trend = form.trend().ordinal();
        int season = form.season().ordinal();
        boolean multiplicativeError = form.error() == Component.MULTIPLICATIVE;
        int m = season > 0 ? period : 1;
        double alpha = smoothing.alpha();
        double betaOverAlpha = smoothing.beta() / alpha;
        double gamma = smoothing.gamma();
        double phi = smoothing.phi();
        boolean undamped = Math.abs(phi - 1) < TOLERANCE;
        double level = initial[0];
        double slope = trend > 0 ? initial[1] : 0;
        int first = trend > 0 ? 2 : 1;
        // a ring of seasonal states: next is the oldest, the one this step's forecast uses and the update replaces
        double[] ring = new double[m];
        if (season > 0) {
            for (int k = 0; k < m; k++) {
                ring[k] = initial[first + m - 1 - k];
            }
        }
        int next = 0;
        double sumSquares = 0;
        double sumLogs = 0;
        for (int t = 0; t < y.length; t++) {
            double seasonal = season > 0 ? ring[next] : 0;
            double damped;
            double base;
            if (trend == 0) {
                damped = 0;
                base = level;
            } else if (trend == 1) {
                damped = phi * slope;
                base = level + damped;
            } else {
                if (slope < 0) {
                    return Double.NaN;
                }
                damped = undamped ? slope : Math.pow(slope, phi);
                base = level * damped;
            }
            double forecast = season == 0 ? base : season == 1 ? base + seasonal : base * seasonal;
            double error = multiplicativeError ? (y[t] - forecast) / forecast : y[t] - forecast;
            if (errors != null) {
                errors[t] = error;
            }
            sumSquares += error * error;
            sumLogs += Math.log(Math.abs(forecast));

            double deseasonalised = season == 0 ? y[t]
                    : season == 1 ? y[t] - seasonal : Math.abs(seasonal) < TOLERANCE ? HUGE : y[t] / seasonal;
            double newLevel = base + alpha * (deseasonalised - base);
            if (trend > 0) {
                double growth = trend == 1 ? newLevel - level : Math.abs(level) < TOLERANCE ? HUGE : newLevel / level;
                slope = damped + betaOverAlpha * (growth - damped);
            }
            if (season > 0) {
                double detrended = season == 1 ? y[t] - base : Math.abs(base) < TOLERANCE ? HUGE : y[t] / base;
                ring[next] = seasonal + gamma * (detrended - seasonal);
                next = next + 1 == m ? 0 : next + 1;
            }
            level = newLevel;
        }
        if (last != null) {
            last[0] = level;
            if (trend > 0) {
                last[1] = slope;
            }
            for (int k = 1; season > 0 && k <= m; k++) {
                last[first + k - 1] = ring[Math.floorMod(next - k, m)];
            }
        }
        double criterion = y.length * Math.log(sumSquares);
        return multiplicativeError ? criterion + 2 * sumLogs : criterion;
    }

    /**
     * Point forecasts from a state (R's {@code etsforecast}): the damped slope accumulates {@code phi + phi^2 + ...},
     * the season repeats. NaN where a multiplicative slope is negative.
     */
    static double[] pointForecasts(EtsForm form, int period, double phi, double[] state, int horizon) {
        int trend = form.trend().ordinal();
        int season = form.season().ordinal();
        int first = trend > 0 ? 2 : 1;
        double level = state[0];
        double slope = trend > 0 ? state[1] : 0;
        double[] forecasts = new double[horizon];
        double phiStar = phi;
        for (int i = 0; i < horizon; i++) {
            double value;
            if (trend == 0) {
                value = level;
            } else if (trend == 1) {
                value = level + phiStar * slope;
            } else {
                value = slope < 0 ? Double.NaN : level * Math.pow(slope, phiStar);
            }
            if (season > 0) {
                // the newest seasonal state is first: step i+1 uses the one m - (i mod m) back
                double seasonal = state[first + period - 1 - i % period];
                value = season == 1 ? value + seasonal : value * seasonal;
            }
            forecasts[i] = value;
            phiStar += Math.abs(phi - 1) < TOLERANCE ? 1 : Math.pow(phi, i + 2);
        }
        return forecasts;
    }

    /**
     * One simulated future path from a state, with the given innovations (R's {@code etssimulate}); a multiplicative
     * error below -1 is cut to -1 as R does.
     */
    static double[] simulate(EtsForm form, int period, Smoothing smoothing, double[] state, double[] innovations) {
        double[] path = new double[innovations.length];
        double[] current = state.clone();
        double[] one = new double[1];
        double[] error = new double[1];
        for (int t = 0; t < path.length; t++) {
            double mean = pointForecasts(form, period, smoothing.phi(), current, 1)[0];
            if (Double.isNaN(mean)) {
                path[t] = Double.NaN;
                continue;
            }
            double e = innovations[t];
            one[0] = form.error() == Component.ADDITIVE ? mean + e : mean * (1 + Math.max(-1, e));
            path[t] = one[0];
            run(one, form, period, smoothing, current, error, current);
        }
        return path;
    }
}
