package dev.tsforge.bench;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.internal.covariate.HolidayCalendar;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.GapPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The same network with and without calendar and holiday covariates (issue #24), side by side in one run, on seeded
 * simulated daily series with a known weekday and German-holiday effect: a level of 100, a weekday profile (jittered
 * by seed), public holidays 20 lower and the day after 5 higher, AR(1) noise (0.5, spread 2). Trained on everything
 * before 2024, scored over the first half of 2024 (six holidays) from every daily origin, 7 steps ahead, against
 * seasonal naive (lag 7). Not a test: prints one JSON line per seed and network, then medians and ratios.
 *
 * <p>Arguments: the number of seeds, the output file (JSON lines).
 */
public final class CovariateAccuracyHarness {

    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final LocalDate FIRST = LocalDate.of(2021, 1, 4);
    private static final LocalDate HOLDOUT = LocalDate.of(2024, 1, 1);
    private static final LocalDate END = LocalDate.of(2024, 7, 1);
    private static final int HORIZON = 7;
    private static final int LOOKBACK = 28;

    private CovariateAccuracyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        HolidayCalendar germany = HolidayCalendar.of("DE");
        int length = (int) (END.toEpochDay() - FIRST.toEpochDay());
        int holdoutStart = (int) (HOLDOUT.toEpochDay() - FIRST.toEpochDay());
        Instant first = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
        NetworkSpec base = NetworkSpec.DEFAULTS.withWindow(new WindowSpec(LOOKBACK, HORIZON, OutputStrategy.RECURSIVE,
                GapPolicy.SPLIT, 42)).withLayers(Architecture.LSTM, List.of(32), false).withEpochs(40)
                .withValidation(0.1, 8);
        Covariates covariates = new Covariates(List.of(CalendarFeature.DAY_OF_WEEK), "DE");
        List<double[]> rows = new ArrayList<>();   // per seed: MAE without, with, seasonal naive; holiday MAE the same
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int seed = 1; seed <= seeds; seed++) {
                double[] series = simulate(seed, length, germany);
                double[] training = Arrays.copyOf(series, holdoutStart);
                double[] row = new double[6];
                for (int variant = 0; variant < 2; variant++) {
                    NetworkSpec spec = variant == 0 ? base : base.withCovariates(covariates);
                    long started = System.nanoTime();
                    Predictor predictor = new Dl4jTrainer(true).fit(List.of(training),
                            new Timeline(DAILY, List.of(first)), spec, (e, l, v) -> { }, null).predictor();
                    double seconds = (System.nanoTime() - started) / 1e9;
                    double[] errors = score(series, holdoutStart, germany, (history, origin) -> predictor.forecast(
                            History.of(history, DAILY.plus(first, origin - 1), DAILY), HORIZON));
                    row[variant] = errors[0];
                    row[3 + variant] = errors[1];
                    lines.println(String.format(Locale.ROOT, "{\"seed\":%d,\"network\":\"%s\",\"mae\":%.4f,"
                            + "\"holidayMae\":%.4f,\"trainingSeconds\":%.1f}", seed,
                            variant == 0 ? "without" : "with DAY_OF_WEEK + DE holidays", errors[0], errors[1],
                            seconds));
                }
                double[] naive = score(series, holdoutStart, germany, (history, origin) -> {
                    double[] forecast = new double[HORIZON];
                    for (int h = 0; h < HORIZON; h++) {
                        forecast[h] = history[history.length - 7 + h % 7];
                    }
                    return forecast;
                });
                row[2] = naive[0];
                row[5] = naive[1];
                lines.println(String.format(Locale.ROOT, "{\"seed\":%d,\"network\":\"seasonal naive\",\"mae\":%.4f,"
                        + "\"holidayMae\":%.4f}", seed, naive[0], naive[1]));
                lines.flush();
                rows.add(row);
            }
        }
        String[] names = {"without", "with", "seasonal naive"};
        for (int k = 0; k < 3; k++) {
            System.out.printf(Locale.ROOT, "%-15s median MAE %.3f, on holidays %.3f%n", names[k], median(rows, k),
                    median(rows, 3 + k));
        }
        double[] ratios = rows.stream().mapToDouble(r -> r[1] / r[0]).toArray();
        System.out.printf(Locale.ROOT, "with / without: median ratio %.3f (per seed %s)%n", median(ratios),
                Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 1000) / 1000.0).toArray()));
    }

    /** Demand of one seed. */
    static double[] simulate(int seed, int length, HolidayCalendar holidays) {
        Random random = new Random(seed);
        double[] weekday = {0, 2, 3, 2, 5, -12, -18};
        for (int d = 0; d < 7; d++) {
            weekday[d] += random.nextGaussian();
        }
        double[] values = new double[length];
        double noise = 0;
        for (int i = 0; i < length; i++) {
            LocalDate day = FIRST.plusDays(i);
            noise = 0.5 * noise + 2 * random.nextGaussian();
            values[i] = 100 + weekday[day.getDayOfWeek().getValue() - 1] + (holidays.isHoliday(day) ? -20 : 0)
                    + (holidays.isHoliday(day.minusDays(1)) ? 5 : 0) + noise;
        }
        return values;
    }

    interface Forecaster {
        double[] forecast(double[] history, int origin);
    }

    /** MAE over every origin in the holdout, all steps, and over the steps that fall on a holiday. */
    static double[] score(double[] series, int holdoutStart, HolidayCalendar holidays, Forecaster forecaster) {
        double sum = 0;
        double holidaySum = 0;
        int count = 0;
        int holidayCount = 0;
        for (int origin = holdoutStart; origin + HORIZON <= series.length; origin++) {
            double[] forecast = forecaster.forecast(Arrays.copyOf(series, origin), origin);
            for (int h = 0; h < HORIZON; h++) {
                double error = Math.abs(forecast[h] - series[origin + h]);
                sum += error;
                count++;
                if (holidays.isHoliday(FIRST.plusDays(origin + h))) {
                    holidaySum += error;
                    holidayCount++;
                }
            }
        }
        return new double[] {sum / count, holidaySum / holidayCount};
    }

    private static double median(List<double[]> rows, int k) {
        return median(rows.stream().mapToDouble(r -> r[k]).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
