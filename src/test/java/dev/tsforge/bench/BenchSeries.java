package dev.tsforge.bench;

import dev.tsforge.series.Frequency;
import dev.tsforge.statistics.Gaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One public series under the M4 protocol: its last {@code horizon} grid steps are held out, the rest is what every
 * method may see. A missing observation (an absent CSV row) is NaN on the grid.
 *
 * @param period   the seasonal period M4 uses for the frequency (MASE, Naive2): 12 monthly, 4 quarterly, 1 otherwise
 * @param group    the frequency group the means are taken over
 * @param observed the training part as the CSV has it: only observed points, for the service to ingest
 * @param training the training part on the grid, NaN where missing
 * @param holdout  the held-out grid steps, NaN where missing
 */
record BenchSeries(String name, String group, String frequency, int period, int horizon, List<String> observed,
        Instant lastTrainingTimestamp, double[] training, double[] holdout) {

    /** Reads {@code timestamp,value} rows on the frequency's grid and splits off the last {@code horizon} steps. */
    static BenchSeries load(Path csv, String group, String frequency, int period, int horizon) throws IOException {
        Frequency grid = Frequency.parse(frequency);
        List<String> lines = Files.readAllLines(csv);
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] cells = line.split(",");
                times.add(Instant.parse(cells[0]));
                values.add(Double.parseDouble(cells[1]));
            }
        }
        long first = grid.index(times.get(0));
        int steps = Math.toIntExact(grid.index(times.get(times.size() - 1)) - first + 1);
        double[] onGrid = new double[steps];
        Arrays.fill(onGrid, Double.NaN);
        for (int i = 0; i < times.size(); i++) {
            onGrid[Math.toIntExact(grid.index(times.get(i)) - first)] = values.get(i);
        }
        int cut = steps - horizon;
        List<String> observed = new ArrayList<>();
        observed.add(lines.get(0));
        for (int i = 0; i < times.size(); i++) {
            if (grid.index(times.get(i)) - first < cut) {
                observed.add(lines.get(i + 1));
            }
        }
        String name = csv.getFileName().toString().replace(".csv", "");
        return new BenchSeries(name, group, frequency, period, horizon, observed, grid.instantAt(first + cut - 1),
                Arrays.copyOfRange(onGrid, 0, cut), Arrays.copyOfRange(onGrid, cut, steps));
    }

    /** The training part with gaps filled linearly, for methods that need a complete history. */
    double[] filledTraining() {
        return Gaps.fillLinear(training);
    }

    int missing() {
        return (int) (Arrays.stream(training).filter(Double::isNaN).count()
                + Arrays.stream(holdout).filter(Double::isNaN).count());
    }
}
