package dev.tsforge.bench;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.statistics.Theta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The accuracy benchmark of {@code bench/accuracy/run.sh}: the public series of {@code bench/accuracy/data} under
 * the M4 protocol (last {@code h} points held out), the service's AUTO training beside naive, seasonal naive, Naive2
 * and Theta (computed here) and, when R is installed, ETS, auto.arima and R's thetaf. Writes a table per series
 * and per frequency group, and a chart per series.
 *
 * <p>Run: {@code bench/accuracy/run.sh} (all series) or with system properties {@code bench.series=nhtemp,mdeaths},
 * {@code bench.budget=60} (AUTO seconds per series), {@code bench.out=bench/accuracy/results}.
 */
public final class AccuracyBenchmark {

    /** Name, frequency group, ISO frequency, M4 seasonal period, horizon. */
    record Setup(String name, String group, String frequency, int period, int horizon) {
    }

    /**
     * M4's horizons for monthly, quarterly, yearly and daily data; M4 has no per-minute data and its hourly horizon
     * (48) would leave WWWusage (100 points) too little to train on twice (the service holds out another horizon
     * for its own measurement), so 20 minutes.
     */
    static final List<Setup> SERIES = List.of(
            new Setup("mdeaths", "monthly", "P1M", 12, 18),
            new Setup("sunspot_month", "monthly", "P1M", 12, 18),
            new Setup("presidents", "quarterly", "P3M", 4, 8),
            new Setup("nhtemp", "yearly", "P1Y", 1, 6),
            new Setup("BJsales", "daily", "P1D", 1, 14),
            new Setup("gold", "daily", "P1D", 1, 14),
            new Setup("WWWusage", "per-minute", "PT1M", 1, 20));

    /** Everything one run produced. */
    record Outcome(List<Score> scores, List<String> searches, boolean withR) {
    }

    private AccuracyBenchmark() {
    }

    /**
     * Runs the benchmark against a running service.
     *
     * @param charts folder for one PNG per series, or null for none
     */
    static Outcome run(String baseUrl, Path dataDir, List<Setup> setups, int budgetSeconds, Path charts)
            throws IOException, InterruptedException {
        ServiceMethod service = new ServiceMethod(baseUrl, budgetSeconds);
        boolean withR = RClassics.available();
        RClassics classics = new RClassics(dataDir.resolveSibling("classics.R"));
        List<Score> scores = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        for (Setup setup : setups) {
            BenchSeries series = BenchSeries.load(dataDir.resolve(setup.name() + ".csv"), setup.group(),
                    setup.frequency(), setup.period(), setup.horizon());
            List<MethodForecast> forecasts = new ArrayList<>(statistical(series));
            ServiceMethod.Result auto = service.forecast(series);
            forecasts.add(0, auto.forecast());
            searches.add(series.name() + ": " + auto.outcome());
            if (withR) {
                forecasts.addAll(classics.forecast(series));
            }
            MethodForecast naive2 = forecasts.stream().filter(f -> f.method().equals("Naive2")).findFirst().orElseThrow();
            Accuracy naive2Accuracy = Accuracy.of(series.holdout(), naive2.mean(),
                    Accuracy.maseScale(series.filledTraining(), series.period()));
            for (MethodForecast forecast : forecasts) {
                scores.add(Score.of(series, forecast, naive2Accuracy));
            }
            if (charts != null) {
                Files.createDirectories(charts);
                ForecastChart.write(series, forecasts.stream()
                        .filter(f -> List.of("service AUTO", "Naive2", "Theta", "ets", "auto.arima").contains(f.method()))
                        .toList(), charts.resolve(series.name() + ".png"));
            }
            System.err.printf(Locale.ROOT, "%s done: AUTO %.1f s%n", series.name(), auto.forecast().seconds());
        }
        return new Outcome(scores, searches, withR);
    }

    /** The baselines computed here, on the training part with gaps filled linearly. */
    static List<MethodForecast> statistical(BenchSeries series) {
        double[] history = series.filledTraining();
        int h = series.horizon();
        int period = series.period() < history.length ? series.period() : 1;
        long started = System.nanoTime();
        double[] theta = Theta.forecast(history, h, period);
        double thetaSeconds = (System.nanoTime() - started) / 1e9;
        return List.of(
                MethodForecast.point("Naive", Baselines.naive(history, h), Double.NaN),
                MethodForecast.point("seasonal naive", Baselines.seasonalNaive(history, h, period), Double.NaN),
                MethodForecast.point("Naive2", Baselines.naive2(history, h, period), Double.NaN),
                MethodForecast.point("Theta", theta, thetaSeconds));
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("bench.data", "bench/accuracy/data"));
        Path out = Path.of(System.getProperty("bench.out", "bench/accuracy/results"));
        Path results = Path.of(System.getProperty("bench.results", "bench/RESULTS.md"));
        int budget = Integer.getInteger("bench.budget", 60);
        List<String> names = Arrays.asList(System.getProperty("bench.series", "").split(","));
        List<Setup> setups = SERIES.stream().filter(s -> names.equals(List.of("")) || names.contains(s.name()))
                .toList();
        Path home = Files.createTempDirectory("tsforge-accuracy-");
        ConfigurableApplicationContext app = SpringApplication.run(TsforgeApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + home.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--tsforge.storage.model-dir=" + home.resolve("models"), "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Outcome outcome = run("http://127.0.0.1:" + port, data, setups, budget, out);
            String section = AccuracyReport.markdown(outcome, budget);
            AccuracyReport.replaceSection(results, section);
            System.out.println(section);
        } finally {
            app.close();
        }
    }
}
