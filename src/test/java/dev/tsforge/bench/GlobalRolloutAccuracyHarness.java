package dev.tsforge.bench;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.Owa;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.internal.network.Dl4jPredictor;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.support.SyntheticPanel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SLIDING against STATEFUL on the same trained global networks (issue #19): each panel of the collection backtest
 * ({@code bench/panel-backtest.sh}: the synthetic panel, the public yearly, quarterly and monthly groups; and the
 * synthetic panel of {@code GlobalModelTests}) backtested as {@code PanelBacktestRunner} does it (each member's most
 * recent gap-free run, three origins {@code h} apart at the same distance from every member's end, one network fitted
 * on every member's history before the origin with the global training defaults: WINDOW scaling, RECURSIVE), and that
 * one network's forecasts rolled out both ways, scored with sMAPE and MASE against Naive2's. Not a test: prints one
 * JSON line per seed and panel (means over the members of their means over the folds, M4's OWA of those means, and
 * on how many members STATEFUL's MASE was lower), then one per panel over the seeds (OWA of the seeds' mean means).
 *
 * <p>Arguments: the manifest (bench/accuracy/manifest.csv), the seeds ({@code 3}: 1 to 3; {@code 2-3}), optionally
 * the panels (comma-separated: synthetic, tests, yearly, quarterly, monthly).
 */
public final class GlobalRolloutAccuracyHarness {

    private static final int FOLDS = 3;
    /** The public groups with several series on one grid: M4's horizon for each. */
    private static final Map<String, Integer> GROUPS = Map.of("yearly", 6, "quarterly", 8, "monthly", 18);

    private GlobalRolloutAccuracyHarness() {
    }

    private record Panel(String name, int horizon, int period, List<double[]> members) {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        // "3": seeds 1 to 3; "2-3": seeds 2 and 3
        String[] range = args[1].split("-");
        int firstSeed = range.length > 1 ? Integer.parseInt(range[0]) : 1;
        int lastSeed = Integer.parseInt(range[range.length - 1]);
        int seeds = lastSeed - firstSeed + 1;
        List<String> chosen = args.length > 2 ? List.of(args[2].split(","))
                : List.of("synthetic", "tests", "yearly", "quarterly", "monthly");
        List<Panel> panels = panels(manifest).stream().filter(p -> chosen.contains(p.name())).toList();
        double[][] overSeeds = new double[panels.size()][6];
        // seeds outermost: every panel has a result after the first seed
        for (int seed = firstSeed; seed <= lastSeed; seed++) {
            for (int p = 0; p < panels.size(); p++) {
                double[] means = backtest(panels.get(p), seed);
                for (int i = 0; i < means.length; i++) {
                    overSeeds[p][i] += means[i] / seeds;
                }
            }
        }
        for (int p = 0; p < panels.size(); p++) {
            double[] m = overSeeds[p];
            System.out.printf(Locale.ROOT, "{\"panel\": \"%s\", \"seeds\": %d, \"slidingOwa\": %.3f, "
                    + "\"statefulOwa\": %.3f}%n", panels.get(p).name(), seeds, Owa.of(m[0], m[1], m[4], m[5]),
                    Owa.of(m[2], m[3], m[4], m[5]));
        }
    }

    /** Mean sMAPE and MASE over the members: SLIDING, STATEFUL, Naive2. */
    private static double[] backtest(Panel panel, int seed) {
        int h = panel.horizon();
        NetworkSpec spec = NetworkSpec.DEFAULTS.withNormalization(Normalization.WINDOW)
                .withWindow(NetworkSpec.DEFAULTS.window().withHorizon(h).withSeed(seed));
        List<double[]> members = panel.members().stream()
                .filter(m -> m.length >= spec.minimumPoints() + FOLDS * h).toList();
        double[][][] sums = new double[members.size()][3][2];
        long started = System.nanoTime();
        for (int fold = 0; fold < FOLDS; fold++) {
            int fromEnd = (FOLDS - fold) * h;
            List<double[]> histories = members.stream().map(m -> Arrays.copyOf(m, m.length - fromEnd)).toList();
            Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(histories, spec, (e, l, v) -> { });
            List<History> inputs = histories.stream().map(History::of).toList();
            double[][][] forecasts = new double[2][][];
            for (int stateful = 0; stateful < 2; stateful++) {
                forecasts[stateful] = new Dl4jPredictor(fitted.network(), fitted.normalizer(), true, true,
                        fitted.lookback(), 1, true, stateful == 1).forecastAll(inputs, h);
            }
            for (int i = 0; i < members.size(); i++) {
                double[] history = histories.get(i);
                double[] actual = Arrays.copyOfRange(members.get(i), history.length, history.length + h);
                int period = panel.period() < history.length ? panel.period() : 1;
                double scale = Accuracy.maseScale(history, period);
                double[][] made = {forecasts[0][i], forecasts[1][i], Baselines.naive2(history, h, period)};
                for (int method = 0; method < 3; method++) {
                    Accuracy accuracy = Accuracy.of(actual, made[method], scale);
                    sums[i][method][0] += accuracy.smape() / FOLDS;
                    sums[i][method][1] += accuracy.mase() / FOLDS;
                }
            }
        }
        double[] means = new double[6];
        int statefulBetter = 0;
        for (double[][] member : sums) {
            for (int method = 0; method < 3; method++) {
                means[2 * method] += member[method][0] / members.size();
                means[2 * method + 1] += member[method][1] / members.size();
            }
            statefulBetter += member[1][1] < member[0][1] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "{\"panel\": \"%s\", \"h\": %d, \"members\": %d, \"seed\": %d, "
                + "\"sliding\": {\"smape\": %.3f, \"mase\": %.4f, \"owa\": %.4f}, "
                + "\"stateful\": {\"smape\": %.3f, \"mase\": %.4f, \"owa\": %.4f}, "
                + "\"naive2\": {\"smape\": %.3f, \"mase\": %.4f}, \"statefulBetterOn\": %d, \"seconds\": %.0f}%n",
                panel.name(), h, members.size(), seed, means[0], means[1], Owa.of(means[0], means[1], means[4],
                means[5]), means[2], means[3], Owa.of(means[2], means[3], means[4], means[5]), means[4], means[5],
                statefulBetter, (System.nanoTime() - started) / 1e9);
        return means;
    }

    private static List<Panel> panels(Path manifest) throws Exception {
        List<Panel> panels = new ArrayList<>();
        // bench/panel_backtest.py's synthetic panel, made by the tests' generator
        panels.add(new Panel("synthetic", 14, 7, synthetic(new SyntheticPanel(19, 7, 200, 0.2, 4.0))));
        // GlobalModelTests' panel
        panels.add(new Panel("tests", 14, 7, synthetic(new SyntheticPanel(19, 7, 150, 0.1, 4))));
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        Map<String, Integer> periods = new LinkedHashMap<>();
        for (ManifestEntry entry : ManifestEntry.read(manifest)) {
            if (GROUPS.containsKey(entry.group())) {
                BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
                double[] all = series.values();
                groups.computeIfAbsent(entry.group(), g -> new ArrayList<>()).add(RolloutAccuracyHarness.lastRun(all));
                periods.put(entry.group(), entry.period());
            }
        }
        groups.forEach((group, members) -> panels.add(new Panel(group, GROUPS.get(group), periods.get(group),
                members)));
        return panels;
    }

    private static List<double[]> synthetic(SyntheticPanel panel) {
        return panel.members(0, 40).stream().map(m -> RolloutAccuracyHarness.lastRun(m.values())).toList();
    }
}
