package dev.tsforge.backtest;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Owa;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Collects a panel backtest's fold scores per member and method, and makes the result: a member's row is the mean of
 * its folds; a method's aggregate is the mean of the rows of the members every method scored at every fold, so that
 * all methods are compared on the same members.
 */
final class PanelScoring {

    private final List<PanelMethod> methods;
    private final int folds;
    /** Per member id, in the order first added: its unique id and, per method, one accuracy per fold scored. */
    private final Map<Long, String> names = new LinkedHashMap<>();
    private final Map<Long, Map<PanelMethod, List<Accuracy>>> scores = new LinkedHashMap<>();
    private final Map<Long, String> failures = new LinkedHashMap<>();

    PanelScoring(List<PanelMethod> methods, int folds) {
        this.methods = List.copyOf(methods);
        this.folds = folds;
    }

    void add(long seriesId, String uniqueId, PanelMethod method, Accuracy accuracy) {
        names.putIfAbsent(seriesId, uniqueId);
        scores.computeIfAbsent(seriesId, id -> new EnumMap<>(PanelMethod.class))
                .computeIfAbsent(method, m -> new ArrayList<>()).add(accuracy);
    }

    /** Leaves the member out of the result; the first failure is the one reported. */
    void fail(long seriesId, String uniqueId, PanelMethod method, int fold, String reason) {
        names.putIfAbsent(seriesId, uniqueId);
        failures.putIfAbsent(seriesId, method + " failed at fold " + (fold + 1) + ": " + reason);
    }

    boolean failed(long seriesId) {
        return failures.containsKey(seriesId);
    }

    PanelBacktest result(String collection, List<String> labels, int horizon, int seasonalPeriod,
            List<PanelBacktest.Excluded> skipped) {
        List<PanelBacktest.Member> members = new ArrayList<>();
        List<PanelBacktest.Excluded> failed = new ArrayList<>();
        for (Map.Entry<Long, String> member : names.entrySet()) {
            long id = member.getKey();
            if (failures.containsKey(id)) {
                failed.add(new PanelBacktest.Excluded(id, member.getValue(), failures.get(id)));
                continue;
            }
            Map<PanelMethod, List<Accuracy>> byMethod = scores.getOrDefault(id, Map.of());
            if (!methods.stream().allMatch(m -> byMethod.getOrDefault(m, List.of()).size() == folds)) {
                failed.add(new PanelBacktest.Excluded(id, member.getValue(), "not every method scored every fold"));
                continue;
            }
            members.add(new PanelBacktest.Member(id, member.getValue(), row(byMethod)));
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("No member could be scored by every method" + (failed.isEmpty() ? ""
                    : "; " + failed.get(0).uniqueId() + ": " + failed.get(0).reason()));
        }
        return new PanelBacktest(collection, labels, folds, horizon, seasonalPeriod, methods, aggregate(members),
                members, List.copyOf(skipped), failed);
    }

    private Map<PanelMethod, PanelBacktest.Score> row(Map<PanelMethod, List<Accuracy>> byMethod) {
        Map<PanelMethod, double[]> means = new EnumMap<>(PanelMethod.class);
        for (PanelMethod method : methods) {
            List<Accuracy> folded = byMethod.get(method);
            double smape = folded.stream().mapToDouble(Accuracy::smape).average().orElseThrow();
            boolean allMase = folded.stream().allMatch(a -> a.mase() != null);
            double mase = allMase ? folded.stream().mapToDouble(Accuracy::mase).average().orElseThrow() : Double.NaN;
            means.put(method, new double[] {smape, mase});
        }
        double[] naive2 = means.get(PanelMethod.NAIVE2);
        Map<PanelMethod, PanelBacktest.Score> row = new LinkedHashMap<>();
        for (PanelMethod method : methods) {
            double[] mean = means.get(method);
            row.put(method, new PanelBacktest.Score(mean[0], finite(mean[1]), owa(mean[0], mean[1], naive2[0],
                    naive2[1])));
        }
        return row;
    }

    private List<PanelBacktest.Summary> aggregate(List<PanelBacktest.Member> members) {
        Map<PanelMethod, double[]> means = new EnumMap<>(PanelMethod.class);
        for (PanelMethod method : methods) {
            means.put(method, new double[] {
                    mean(members, m -> m.scores().get(method).smape()),
                    mean(members, m -> m.scores().get(method).mase())});
        }
        double[] naive2 = means.get(PanelMethod.NAIVE2);
        List<PanelBacktest.Summary> summaries = new ArrayList<>();
        for (PanelMethod method : methods) {
            double[] mean = means.get(method);
            Integer globalBetter = method == PanelMethod.GLOBAL ? null : (int) members.stream()
                    .filter(m -> better(m.scores().get(PanelMethod.GLOBAL), m.scores().get(method))).count();
            summaries.add(new PanelBacktest.Summary(method, members.size(), mean[0], finite(mean[1]),
                    owa(mean[0], mean[1], naive2[0], naive2[1]), globalBetter));
        }
        return summaries;
    }

    /** Lower MASE; lower sMAPE where MASE is undefined (the same members for every method: it depends on the data). */
    private static boolean better(PanelBacktest.Score a, PanelBacktest.Score b) {
        return a.mase() != null && b.mase() != null ? a.mase() < b.mase() : a.smape() < b.smape();
    }

    private static double mean(List<PanelBacktest.Member> members, Function<PanelBacktest.Member, Double> measure) {
        return members.stream().map(measure).filter(Objects::nonNull).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    private static Double owa(double smape, double mase, double naive2Smape, double naive2Mase) {
        return naive2Smape > 0 && naive2Mase > 0 && Double.isFinite(mase) ? Owa.of(smape, mase, naive2Smape,
                naive2Mase) : null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
