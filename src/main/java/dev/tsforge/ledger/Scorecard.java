package dev.tsforge.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums of one set of scored steps, for the model and for seasonal naive on the same steps. */
final class Scorecard {

    private final Sums model = new Sums();
    private final Sums naive = new Sums();
    private final Map<Double, int[]> coverage = new TreeMap<>();

    private static final class Sums {
        int steps;
        double absolute;
        int scaledSteps;
        double scaled;
        double symmetric;

        void add(double actual, double forecast, Double scale) {
            double error = Math.abs(actual - forecast);
            steps++;
            absolute += error;
            double denominator = Math.abs(actual) + Math.abs(forecast);
            symmetric += denominator == 0 ? 0 : 200 * error / denominator;
            if (scale != null) {
                scaledSteps++;
                scaled += error / scale;
            }
        }

        Scores scores(List<Scores.Coverage> coverage) {
            return new Scores(steps, steps == 0 ? null : absolute / steps, scaledSteps == 0 ? null : scaled / scaledSteps,
                    steps == 0 ? null : symmetric / steps, coverage);
        }
    }

    /** @param scale the MASE scale of the step's model, or null */
    void add(RecordedStep step, Double scale) {
        double actual = step.actual();
        model.add(actual, step.point(), scale);
        if (step.baseline() != null) {
            naive.add(actual, step.baseline(), scale);
        }
        for (Bound bound : step.intervals()) {
            Boolean inside = bound.covers(actual);
            if (inside != null) {
                int[] counts = coverage.computeIfAbsent(bound.level(), level -> new int[2]);
                counts[0]++;
                counts[1] += inside ? 1 : 0;
            }
        }
    }

    Scores model() {
        List<Scores.Coverage> levels = new ArrayList<>();
        coverage.forEach((level, counts) -> levels.add(new Scores.Coverage(level, counts[0],
                (double) counts[1] / counts[0])));
        return model.scores(levels);
    }

    Scores seasonalNaive() {
        return naive.scores(null);
    }
}
