package dev.tsforge.bench;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.Owa;
import dev.tsforge.statistics.Gaps;
import dev.tsforge.training.StatisticalAuto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * AUTO's choice among its statistical candidates (issue #18) at the standing combination's margin of one standard
 * error, as served, and at none (the lowest validation MASE wins), without the service or networks: at the holdout
 * and up to three earlier origins a horizon apart, as {@link ArimaWholeRunHarness} takes them. Not a test: prints one
 * JSON line per series and origin (each rule's spec and OWA), then the pooled OWA per group and overall.
 *
 * <p>Arguments: the manifest (bench/accuracy/manifest.csv).
 */
public final class StatisticalChoiceHarness {

    private static final int ORIGINS = 4;
    private static final double[] MARGINS = {1.0, 0.0};

    private StatisticalChoiceHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        List<Score> holdout = new ArrayList<>();
        List<Score> pooled = new ArrayList<>();
        for (ManifestEntry entry : ManifestEntry.read(manifest)) {
            BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
            double[] all = new double[series.length()];
            System.arraycopy(series.training(), 0, all, 0, series.training().length);
            System.arraycopy(series.holdout(), 0, all, series.training().length, series.holdout().length);
            int h = entry.horizon();
            boolean weekly = entry.frequency().startsWith("PT");
            for (int k = 0; k < ORIGINS; k++) {
                int cut = all.length - h - k * h;
                if (cut <= 2 * h) {
                    break;
                }
                double[] training = Arrays.copyOf(all, cut);
                double[] run = RolloutAccuracyHarness.lastRun(training);
                if (run.length <= h || (k > 0 && run.length < Math.max(2 * h, 12))) {
                    continue;
                }
                boolean nonNegative = Arrays.stream(training).filter(Double::isFinite).allMatch(v -> v >= 0);
                double[] actual = Arrays.copyOfRange(all, cut, cut + h);
                double[] filled = Gaps.fillLinear(training);
                double scale = Accuracy.maseScale(filled, entry.period());
                Accuracy naive2 = Accuracy.of(actual, Baselines.naive2(filled, h,
                        entry.period() < filled.length ? entry.period() : 1), scale);
                String name = entry.name() + "@" + k;
                List<Score> scores = new ArrayList<>();
                scores.add(new Score(name, entry.group(), "Naive2", naive2.smape(), naive2.mase(), 1, Double.NaN,
                        Double.NaN, 0));
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "{\"series\": \"%s\", \"group\": \"%s\", \"origin\": %d, \"run\": %d", entry.name(),
                        entry.group(), k, run.length));
                for (double margin : MARGINS) {
                    StatisticalAuto.Chosen chosen = StatisticalAuto.choose(run, entry.period(), weekly, nonNegative,
                            h, margin);
                    if (chosen == null) {
                        scores.clear();
                        break;
                    }
                    String method = String.format(Locale.ROOT, "margin %.1f", margin);
                    Accuracy accuracy = Accuracy.of(actual, chosen.forecast(), scale);
                    double owa = Owa.of(accuracy.smape(), accuracy.mase(), naive2.smape(), naive2.mase());
                    scores.add(new Score(name, entry.group(), method, accuracy.smape(), accuracy.mase(), owa,
                            Double.NaN, Double.NaN, 0));
                    line.append(String.format(Locale.ROOT, ", \"%s\": \"%s\", \"%s OWA\": %.3f", method,
                            chosen.spec(), method, owa));
                }
                System.out.println(line.append('}'));
                pooled.addAll(scores);
                if (k == 0) {
                    holdout.addAll(scores);
                }
            }
        }
        report("holdout", holdout);
        report("pooled over origins", pooled);
    }

    private static void report(String label, List<Score> scores) {
        List<String> groups = new ArrayList<>(GroupScore.groups(scores));
        groups.add(GroupScore.ALL);
        for (String method : scores.stream().map(Score::method).filter(m -> !m.equals("Naive2")).distinct()
                .toList()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "{\"%s\": \"%s\"", label, method));
            for (String group : groups) {
                line.append(String.format(Locale.ROOT, ", \"%s\": %.3f", group,
                        GroupScore.of(scores, group, method).owa()));
            }
            System.out.println(line.append(String.format(Locale.ROOT, ", \"forecasts\": %d}",
                    GroupScore.seriesOf(scores, GroupScore.ALL).size())));
        }
    }
}
