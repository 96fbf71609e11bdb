package dev.tsforge.bench;

/**
 * One method's forecast of a holdout, with its 95 % interval where the method gives one (else null bounds).
 *
 * @param seconds wall time to fit and forecast, where measured (else NaN)
 */
record MethodForecast(String method, double[] mean, double[] lower, double[] upper, double seconds) {

    static MethodForecast point(String method, double[] mean, double seconds) {
        return new MethodForecast(method, mean, null, null, seconds);
    }

    boolean hasInterval() {
        return lower != null && upper != null;
    }
}
