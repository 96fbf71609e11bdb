package dev.tsforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The accuracy benchmark end to end on its smallest series (nhtemp, 60 yearly points), against the running service
 * over HTTP: the M4 split, the service's AUTO forecast, the baselines, the scores, the coverage step, the goals, the
 * report and the chart. The full run over all series is {@code bench/accuracy/run.sh}, which also writes
 * {@code bench/RESULTS.md}; here {@code -Dbench.accuracy=all} runs every series too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccuracyBenchmarkTests {

    @LocalServerPort
    int port;

    @Test
    void scoresTheServiceAndTheBaselinesOnOneSeries(@TempDir Path out) throws Exception {
        boolean all = "all".equals(System.getProperty("bench.accuracy"));
        List<ManifestEntry> setups = ManifestEntry.select(ManifestEntry.read(AccuracyBenchmark.MANIFEST),
                all ? "" : "nhtemp");
        // nhtemp's winner is statistical: its coverage backtest refits in moments
        AccuracyBenchmark.Outcome outcome = AccuracyBenchmark.run("http://127.0.0.1:" + port,
                AccuracyBenchmark.MANIFEST, setups, all ? 60 : 10, AccuracyBenchmark.COVERAGE_FOLDS, out);

        List<Score> scores = outcome.scores();
        assertThat(scores).extracting(Score::method).contains("service AUTO", "Naive", "seasonal naive", "Naive2",
                "Theta");
        assertThat(scores).allSatisfy(score -> {
            assertThat(score.smape()).as(score.method()).isFinite().isPositive();
            assertThat(score.mase()).as(score.method()).isFinite().isPositive();
        });
        assertThat(scores).filteredOn(score -> score.method().equals("Naive2")).extracting(Score::owa)
                .as("OWA is relative to Naive2").containsOnly(1.0);
        scores = scores.stream().filter(score -> score.series().equals("nhtemp")).toList();
        Score naive2 = score(scores, "Naive2");
        assertThat(naive2.owa()).isEqualTo(1.0);
        assertThat(score(scores, "Naive").mase()).as("yearly: Naive2 is naive").isEqualTo(naive2.mase());
        // every AUTO candidate fits nhtemp within the budget, so the choice is the same each run: it beats Naive2
        assertThat(score(scores, "service AUTO").owa()).isLessThan(1.0);
        assertThat(score(scores, "Theta").owa()).as("Theta follows nhtemp's rise").isLessThan(1.0);
        if (outcome.withR()) {
            assertThat(scores).extracting(Score::method).contains("ets", "auto.arima");
            assertThat(score(scores, "ets").coverage()).isBetween(0.0, 1.0);
        }
        assertThat(outcome.searches()).hasSize(setups.size()).allSatisfy(search -> assertThat(search).contains(": AUTO scored "));
        AutoRun run = outcome.runs().get(0);
        assertThat(run.winner()).as("a statistical method wins nhtemp").doesNotContain("LSTM", "SIMPLE_RNN");
        assertThat(run.intervalMethod()).startsWith("CONFORMAL");
        assertThat(run.runningSeconds()).as("the job's own RUNNING to SUCCEEDED").isPositive();
        assertThat(outcome.coverages()).hasSize(setups.size());
        Coverage coverage = outcome.coverages().get(0);
        assertThat(coverage.measured()).as(String.valueOf(coverage.note())).isTrue();
        assertThat(coverage.folds()).isEqualTo(AccuracyBenchmark.COVERAGE_FOLDS);
        assertThat(coverage.at95()).isBetween(0.0, 1.0);

        String report = AccuracyReport.markdown(outcome, 10);
        assertThat(report).startsWith(AccuracyReport.TITLE).contains("| nhtemp | yearly |", "| yearly | 1 |",
                "| **all** | " + setups.size() + " |", "| every AUTO job within budget + 20 % | **",
                "| no series above OWA 1.50 | **PASS** |");
        Path results = out.resolve("RESULTS.md");
        Files.writeString(results, "# Benchmark results\n\n## Serving\n\nkept\n\n" + AccuracyReport.TITLE + "\n\nold\n");
        AccuracyReport.replaceSection(results, report);
        assertThat(Files.readString(results)).contains("## Serving\n\nkept").doesNotContain("\nold\n")
                .contains("| nhtemp | yearly |");
        // a check set's run writes its own section and leaves the public set's as it was
        Path check = Path.of("bench/accuracy/check/manifest.csv");
        String checkReport = AccuracyReport.markdown(outcome, 10, check, check.resolveSibling("results"));
        assertThat(AccuracyReport.title(check))
                .isEqualTo("## Accuracy on bench/accuracy/check (M4 protocol, a check set)");
        assertThat(checkReport).startsWith(AccuracyReport.title(check)).contains(
                "`BENCH_MANIFEST=bench/accuracy/check/manifest.csv`", "`bench/accuracy/check/results/<series>.png`");
        AccuracyReport.replaceSection(results, AccuracyReport.title(check), checkReport);
        AccuracyReport.replaceSection(results, AccuracyReport.title(check), checkReport);
        String both = Files.readString(results);
        assertThat(both).contains(AccuracyReport.TITLE + "\n").contains("## Serving\n\nkept");
        assertThat(both.split(Pattern.quote(AccuracyReport.title(check)), -1)).as("replaced, not appended twice")
                .hasSize(2);

        BufferedImage chart = ImageIO.read(out.resolve("nhtemp.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(900);
        assertThat(chart.getHeight()).isEqualTo(450);
    }

    /** A constant series has no MASE scale and Naive2 no error: the run leaves it out and says so, and goes on. */
    @Test
    void aSeriesM4sMeasuresCannotScoreIsLeftOutAndNamed(@TempDir Path folder) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int year = 1960; year < 1990; year++) {
            csv.append(year).append("-01-01T00:00:00Z,7\n");
        }
        Files.writeString(folder.resolve("constant.csv"), csv);
        Path manifest = folder.resolve("manifest.csv");
        Files.writeString(manifest, "name,file,frequency,anchor,businessDays,m,h,group\n"
                + "constant,constant.csv,P1Y,,false,1,6,yearly\n");

        AccuracyBenchmark.Outcome outcome = AccuracyBenchmark.run("http://127.0.0.1:" + port, manifest,
                ManifestEntry.read(manifest), 10, 0, null);

        assertThat(outcome.scores()).isEmpty();
        assertThat(outcome.searches()).containsExactly("constant: left out of the scores: its training part never "
                + "changes a season apart, so MASE and OWA cannot score it");
    }

    @Test
    void theM4SplitHoldsOutTheLastGridStepsAndKeepsGapsAsMissing() throws Exception {
        BenchSeries presidents = BenchSeries.load(Path.of("bench/accuracy/data/presidents.csv"),
                new ManifestEntry("presidents", "data/presidents.csv", "P3M", null, false, 4, 8, "quarterly"));
        assertThat(presidents.training().length + presidents.holdout().length).as("1945 Q2 to 1974 Q4").isEqualTo(119);
        // R's presidents starts with a missing quarter (1945 Q1), which the CSV leaves out before its first row
        assertThat(presidents.missing()).isEqualTo(5);
        assertThat(presidents.holdout()).hasSize(8);
        assertThat(presidents.heldOut()).as("1973 Q1 to 1974 Q4").hasSize(8);
        assertThat(presidents.observed()).hasSize(1 + presidents.training().length
                - (int) java.util.Arrays.stream(presidents.training()).filter(Double::isNaN).count());
        assertThat(presidents.filledTraining()).doesNotContain(Double.NaN);
        // 1974 Q4 is the last point; the training part ends 8 quarters before
        assertThat(presidents.lastTrainingTimestamp()).hasToString("1972-10-01T00:00:00Z");
    }

    private static Score score(List<Score> scores, String method) {
        return scores.stream().filter(s -> s.method().equals(method)).findFirst().orElseThrow();
    }
}
