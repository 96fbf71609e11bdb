package dev.tsforge.bench;

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
            double[] all = series.values();
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
                OriginScores scores = new OriginScores(entry, k, training, actual);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "{\"series\": \"%s\", \"group\": \"%s\", \"origin\": %d, \"run\": %d", entry.name(),
                        entry.group(), k, run.length));
                for (double margin : MARGINS) {
                    StatisticalAuto.Chosen chosen = StatisticalAuto.choose(run, entry.period(), weekly, nonNegative,
                            h, margin);
                    if (chosen == null) {
                        scores = null;
                        break;
                    }
                    String method = String.format(Locale.ROOT, "margin %.1f", margin);
                    double owa = scores.add(method, chosen.forecast());
                    line.append(String.format(Locale.ROOT, ", \"%s\": \"%s\", \"%s OWA\": %.3f", method,
                            chosen.spec(), method, owa));
                }
                System.out.println(line.append('}'));
                if (scores != null) {
                    pooled.addAll(scores.scores());
                    if (k == 0) {
                        holdout.addAll(scores.scores());
                    }
                }
            }
        }
        OriginScores.report("holdout", holdout);
        OriginScores.report("pooled over origins", pooled);
    }
}
