package dev.tsforge.bench;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.statistics.Theta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The accuracy benchmark of {@code bench/accuracy/run.sh}: the public series of {@code bench/accuracy/manifest.csv}
 * under the M4 protocol (last {@code h} points held out), the service's AUTO training beside naive, seasonal naive,
 * Naive2 and Theta (computed here) and, when R is installed, ETS, auto.arima and R's thetaf. Then, per series, the
 * coverage of the service's intervals over rolling origins ({@link ServiceCoverage}). Writes tables per series, per
 * frequency group and overall, the goals ({@link Goals}) with PASS or FAIL, and a chart per series.
 *
 * <p>Run: {@code bench/accuracy/run.sh} (all series) or with system properties {@code bench.series=nhtemp,mdeaths},
 * {@code bench.budget=60} (AUTO seconds per series), {@code bench.coverage=false} (skip the coverage backtests),
 * {@code bench.coverage.folds=10}, {@code bench.manifest=bench/accuracy/manifest.csv},
 * {@code bench.out=bench/accuracy/results}.
 */
public final class AccuracyBenchmark {

    static final Path MANIFEST = Path.of("bench/accuracy/manifest.csv");
    static final Path RESULTS_FOLDER = Path.of("bench/accuracy/results");
    static final int COVERAGE_FOLDS = 10;

    /**
     * Everything one run produced.
     *
     * @param coverages empty when coverage was not measured
     */
    record Outcome(List<Score> scores, List<AutoRun> runs, List<Coverage> coverages, List<String> searches,
            boolean withR) {
    }

    private AccuracyBenchmark() {
    }

    /**
     * Runs the benchmark against a running service.
     *
     * @param manifest       the series' CSV files are relative to its folder
     * @param coverageFolds  rolling origins per series for the coverage backtest; 0 skips it
     * @param charts         folder for one PNG per series, or null for none
     */
    static Outcome run(String baseUrl, Path manifest, List<ManifestEntry> setups, int budgetSeconds,
            int coverageFolds, Path charts) throws IOException, InterruptedException {
        ServiceClient client = new ServiceClient(baseUrl);
        ServiceMethod service = new ServiceMethod(client, budgetSeconds);
        ServiceCoverage coverage = new ServiceCoverage(client, coverageFolds, budgetSeconds);
        boolean withR = RClassics.available();
        Path folder = manifest.toAbsolutePath().getParent();
        RClassics classics = new RClassics(MANIFEST.resolveSibling("classics.R"));
        List<Score> scores = new ArrayList<>();
        List<AutoRun> runs = new ArrayList<>();
        List<Coverage> coverages = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        for (ManifestEntry setup : setups) {
            BenchSeries series = BenchSeries.load(folder.resolve(setup.file()), setup);
            if (!(Accuracy.maseScale(series.filledTraining(), series.period()) > 0)) {
                // MASE divides by the training part's mean change a season apart, and OWA by Naive2's errors
                String why = "left out of the scores: its training part never changes a season apart, so MASE and "
                        + "OWA cannot score it";
                searches.add(series.name() + ": " + why);
                System.err.printf(Locale.ROOT, "%s %s%n", series.name(), why);
                continue;
            }
            List<MethodForecast> forecasts = new ArrayList<>(statistical(series));
            ServiceMethod.Result auto = service.forecast(series);
            forecasts.add(0, auto.forecast());
            runs.add(auto.run(series));
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
            String measured = "";
            if (coverageFolds > 0) {
                Coverage c = coverage.measure(series, auto);
                coverages.add(c);
                measured = c.measured() ? String.format(Locale.ROOT, "; coverage %d folds in %.1f s", c.folds(),
                        c.seconds()) : "; coverage not measured: " + c.note();
            }
            System.err.printf(Locale.ROOT, "%s done: AUTO %.1f s (%s)%s%n", series.name(), auto.runningSeconds(),
                    auto.winner(), measured);
        }
        return new Outcome(scores, runs, coverages, searches, withR);
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
        Path manifest = Path.of(System.getProperty("bench.manifest", MANIFEST.toString()));
        // a check set's charts go beside its manifest, the public set's where the README shows them
        Path out = Path.of(System.getProperty("bench.out", AccuracyReport.isPublicSet(manifest)
                ? RESULTS_FOLDER.toString() : manifest.resolveSibling("results").toString()));
        Path results = Path.of(System.getProperty("bench.results", "bench/RESULTS.md"));
        int budget = Integer.getInteger("bench.budget", 60);
        int folds = Boolean.parseBoolean(System.getProperty("bench.coverage", "true"))
                ? Integer.getInteger("bench.coverage.folds", COVERAGE_FOLDS) : 0;
        List<ManifestEntry> setups = ManifestEntry.select(ManifestEntry.read(manifest),
                System.getProperty("bench.series", ""));
        Path home = Files.createTempDirectory("tsforge-accuracy-");
        ConfigurableApplicationContext app = SpringApplication.run(TsforgeApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + home.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "--tsforge.storage.model-dir=" + home.resolve("models"), "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Outcome outcome = run("http://127.0.0.1:" + port, manifest, setups, budget, folds, out);
            String section = AccuracyReport.markdown(outcome, budget, manifest, out);
            AccuracyReport.replaceSection(results, AccuracyReport.title(manifest), section);
            System.out.println(section);
        } finally {
            app.close();
        }
    }
}
