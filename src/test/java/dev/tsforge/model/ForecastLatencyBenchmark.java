package dev.tsforge.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The raw cost of one forecast inside the JVM: a loaded model's {@link Predictor#forecast} for a horizon, with no
 * HTTP, database or JSON. Not a test: run by {@code bench/serving.sh} beside the HTTP measurements. Prints JSON.
 *
 * <p>Arguments: the model zip, the horizon, the number of timed calls.
 */
public final class ForecastLatencyBenchmark {

    private ForecastLatencyBenchmark() {
    }

    public static void main(String[] args) {
        Predictor predictor = new Dl4jPredictorLoader().load(Path.of(args[0]));
        int horizon = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        double[] history = new double[predictor.lookback()];
        for (int i = 0; i < history.length; i++) {
            history[i] = Math.sin(i / 3.0);
        }
        for (int i = 0; i < calls / 5; i++) {
            predictor.forecast(history, horizon); // warm-up
        }
        double[] micros = new double[calls];
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            predictor.forecast(history, horizon);
            micros[i] = (System.nanoTime() - started) / 1_000.0;
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "{\"what\": \"in-process forecast\", \"strategy\": \"%s\", "
                + "\"horizon\": %d, \"calls\": %d, \"p50Micros\": %.0f, \"p99Micros\": %.0f}%n",
                predictor.outputSteps() > 1 ? "direct" : "recursive", horizon, calls, micros[calls / 2],
                micros[(int) (calls * 0.99)]);
    }
}
