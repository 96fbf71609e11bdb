package dev.tsforge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** ETS, auto.arima and R's own Theta from R's forecast package, through {@code bench/accuracy/classics.R}. */
final class RClassics {

    private final Path script;

    RClassics(Path script) {
        this.script = script;
    }

    /** Whether {@code Rscript} and the forecast package are installed. */
    static boolean available() {
        try {
            Process check = new ProcessBuilder("Rscript", "-e", "library(forecast)").redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<MethodForecast> forecast(BenchSeries series) throws IOException, InterruptedException {
        Path input = Files.createTempFile("tsforge-bench-", ".csv");
        try {
            StringBuilder csv = new StringBuilder("value\n");
            for (double value : series.training()) {
                csv.append(Double.isNaN(value) ? "NA" : Double.toString(value)).append('\n');
            }
            Files.writeString(input, csv);
            long started = System.nanoTime();
            // ts frequency: the M4 period, so ETS and ARIMA look for the same season as MASE and Naive2
            Process r = new ProcessBuilder("Rscript", script.toString(), input.toString(),
                    Integer.toString(series.period()), Integer.toString(series.horizon()), "95").start();
            String out = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(r.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!r.waitFor(10, TimeUnit.MINUTES) || r.exitValue() != 0) {
                throw new IllegalStateException("classics.R failed for " + series.name() + ": " + err);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return parse(out, series.horizon(), seconds);
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static List<MethodForecast> parse(String out, int horizon, double seconds) {
        Map<String, double[][]> byMethod = new LinkedHashMap<>();
        for (String line : out.lines().skip(1).toList()) {
            String[] cells = line.split(",");
            double[][] values = byMethod.computeIfAbsent(cells[0], m -> new double[3][horizon]);
            int step = Integer.parseInt(cells[1]) - 1;
            for (int k = 0; k < 3; k++) {
                values[k][step] = Double.parseDouble(cells[2 + k]);
            }
        }
        List<MethodForecast> forecasts = new ArrayList<>();
        byMethod.forEach((method, v) -> forecasts.add(new MethodForecast(method.replace('_', '.'), v[0],
                Arrays.copyOf(v[1], horizon), Arrays.copyOf(v[2], horizon), seconds)));
        return forecasts;
    }
}
