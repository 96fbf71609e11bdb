package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.training.IntervalCalibration;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalMethodsTests {

    private static final List<Double> LEVELS = List.of(80.0, 95.0);

    @Test
    void eachLevelTakesTheFirstMethodItsDataAllows() {
        // 10 origins of 3 steps: 10 errors per step suffice for 80 % (rank 9), not for 95 % (rank 11 of 10)
        List<double[]> actual = new java.util.ArrayList<>();
        List<double[]> forecast = new java.util.ArrayList<>();
        for (int o = 0; o < 10; o++) {
            actual.add(new double[] {o, 2 * o, 3 * o});
            forecast.add(new double[] {0, 0, 0});
        }
        ConformalCalibration calibration = ConformalCalibration.of(actual, forecast);
        ForecastIntervals intervals = ForecastIntervals.of(calibration, new double[] {1, 2, 3, 4}, 1, 3, LEVELS);
        assertThat(intervals.sources()).extracting(Forecast.IntervalSource::method)
                .containsExactly(IntervalMethod.CONFORMAL, IntervalMethod.CONFORMAL_POOLED);
        assertThat(intervals.halfWidths()[0]).containsExactly(8, 16, 24);
        // pooled: errors / sqrt(step), 30 of them; rank ceil(31 * 0.95) = 30, the largest: 9 * 3 / sqrt(3)
        assertThat(intervals.halfWidths()[1][0]).isCloseTo(27 / Math.sqrt(3), within(1e-9));
        assertThat(intervals.halfWidths()[1][2]).isCloseTo(27 / Math.sqrt(3) * Math.sqrt(3), within(1e-9));
        assertThat(calibration.pooledHalfWidth(12, 95)).as("beyond the calibrated horizon")
                .isCloseTo(27 / Math.sqrt(3) * Math.sqrt(12), within(1e-9));

        ForecastIntervals none = ForecastIntervals.of(null, new double[] {1, 3, 2, 4}, 1, 2, LEVELS);
        assertThat(none.sources()).extracting(Forecast.IntervalSource::method)
                .containsOnly(IntervalMethod.SEASONAL_NAIVE_RESIDUALS);
        // naive differences 2, -1, 2: RMS sqrt(3); 80 %: z 1.2816
        assertThat(none.halfWidths()[0][0]).isCloseTo(1.2816 * Math.sqrt(3), within(1e-3));
        assertThat(none.halfWidths()[0][1]).isCloseTo(1.2816 * Math.sqrt(3) * Math.sqrt(2), within(1e-3));
        assertThat(ForecastIntervals.of(null, new double[] {1, 2}, 1, 2, LEVELS).complete()).isFalse();
    }

    @Test
    void normalisedErrorsAreInUnitsOfTheInputsScale() {
        // origin o read {0, s, 2s, ...}: its scale (mean absolute one-step change) is s = o + 1; its errors are
        // 2 (o + 1) at step 1 and 4 (o + 1) at step 2, so 2 and 4 in units of its scale at every origin
        List<double[]> actual = new java.util.ArrayList<>();
        List<double[]> forecast = new java.util.ArrayList<>();
        List<double[]> inputs = new java.util.ArrayList<>();
        for (int o = 0; o < 10; o++) {
            double s = o + 1;
            inputs.add(new double[] {0, s, 2 * s, 3 * s});
            actual.add(new double[] {2 * s, 4 * s});
            forecast.add(new double[] {0, 0});
        }
        ConformalCalibration calibration = ConformalCalibration.normalised(actual, forecast, inputs, 4);
        assertThat(calibration.scale()).isEqualTo(new ConformalCalibration.Scale(4, 1.0));
        assertThat(calibration.errors().get(0)).containsOnly(2.0);
        assertThat(calibration.errors().get(1)).containsOnly(4.0);
        // an input whose scale is 20 gets half-widths 20 times its errors' quantile
        ForecastIntervals wide = ForecastIntervals.of(calibration, new double[] {0, 20, 40, 60}, 1, 2, LEVELS);
        assertThat(wide.halfWidths()[0]).containsExactly(40, 80);
        // a flat input is taken at the calmest origin's scale, not at 0
        ForecastIntervals flat = ForecastIntervals.of(calibration, new double[] {5, 5, 5, 5}, 1, 2, LEVELS);
        assertThat(flat.halfWidths()[0]).containsExactly(2, 4);
        // an origin that read a flat stretch has no scale to divide by: the errors stay absolute
        inputs.set(3, new double[] {7, 7, 7, 7});
        ConformalCalibration absolute = ConformalCalibration.normalised(actual, forecast, inputs, 4);
        assertThat(absolute.scale()).isNull();
        assertThat(absolute.errors().get(0)).contains(2.0, 20.0);
    }

    /**
     * A series growing 4 % a step with multiplicative noise: its errors late in the calibration are larger than
     * early ones, and larger still beyond it. Normalised errors keep the 80 % intervals near their level where
     * absolute ones fall short.
     */
    @Test
    void normalisedIntervalsFollowAGrowingSeries(@TempDir Path dir) {
        Random random = new Random(7);
        int horizon = 6;
        int n = 60;
        ModelTrainer trainer = new ModelTrainer(new Dl4jTrainer());
        int covered = 0;
        int coveredAbsolute = 0;
        int steps = 0;
        for (int s = 0; s < 40; s++) {
            double[] all = new double[n + horizon];
            for (int t = 0; t < all.length; t++) {
                all[t] = 100 * Math.exp(0.04 * t) * (1 + 0.05 * random.nextGaussian());
            }
            double[] series = Arrays.copyOf(all, n);
            double[] training = Arrays.copyOf(series, n - horizon);
            StatisticalSpec spec = StatisticalSpec.theta(20, horizon, GapPolicy.LINEAR, 1);
            TrainingOutcome outcome = trainer.train(List.of(training), spec, 1, (e, l, v) -> { },
                    dir.resolve("g" + s + ".zip"));
            ConformalCalibration calibration = IntervalCalibration.of(series, training.length, spec, outcome);
            assertThat(calibration.scale()).isNotNull();
            ConformalCalibration unscaled = new ConformalCalibration(calibration.origins(),
                    absoluteErrors(series, training.length, spec, outcome));
            double[] forecast = outcome.predictor().forecast(History.of(series), horizon);
            double[] half = ForecastIntervals.of(calibration, series, 1, horizon, LEVELS).halfWidths()[0];
            double[] halfAbsolute = ForecastIntervals.of(unscaled, series, 1, horizon, LEVELS).halfWidths()[0];
            for (int i = 0; i < horizon; i++) {
                double error = Math.abs(all[n + i] - forecast[i]);
                covered += error <= half[i] ? 1 : 0;
                coveredAbsolute += error <= halfAbsolute[i] ? 1 : 0;
                steps++;
            }
        }
        double at80 = 100.0 * covered / steps;
        double at80Absolute = 100.0 * coveredAbsolute / steps;
        System.out.printf(java.util.Locale.ROOT, "growing series, 80 %%: normalised %.1f %%, absolute %.1f %%%n",
                at80, at80Absolute);
        assertThat(at80).isBetween(72.0, 90.0);
        assertThat(at80).isGreaterThan(at80Absolute + 5);
    }

    /** The errors {@link IntervalCalibration} would have calibrated on, from the same origins, absolute. */
    private static List<double[]> absoluteErrors(double[] series, int trainedLength, StatisticalSpec spec,
            TrainingOutcome outcome) {
        int earliest = Math.max(outcome.predictor().minimumHistory(), Math.min(spec.lookback(), trainedLength / 2));
        int first = Math.max(earliest, trainedLength - spec.outputSteps() - outcome.validationWindows() + 1);
        return dev.tsforge.evaluation.RollingOrigins.calibrate(series, first, spec.horizon(),
                (history, steps) -> outcome.predictor().forecast(History.of(history), steps)).errors();
    }

    /**
     * Two hundred short series (40 to 80 values: a local level, a random walk of known steps, observed with known
     * noise), each served as AUTO would serve a statistical model: calibrated on the rolling origins of its own
     * history, then forecast six steps that it never saw. The 95 % intervals must cover 90–99 % of those steps, the
     * 80 % ones 75–85 %.
     */
    @Test
    void intervalsOnShortSimulatedSeriesCoverWhatTheyPromise(@TempDir Path dir) {
        Random random = new Random(2026);
        int horizon = 6;
        int[] covered = new int[LEVELS.size()];
        int steps = 0;
        ModelTrainer trainer = new ModelTrainer(new Dl4jTrainer());
        for (int s = 0; s < 200; s++) {
            int n = 40 + random.nextInt(41);
            double[] all = new double[n + horizon];
            double level = 100;
            for (int t = 0; t < all.length; t++) {
                level += 0.5 * random.nextGaussian();
                all[t] = level + random.nextGaussian();
            }
            double[] series = Arrays.copyOf(all, n);
            double[] training = Arrays.copyOf(series, n - horizon);
            StatisticalSpec spec = StatisticalSpec.theta(60, horizon, GapPolicy.LINEAR, 1);
            TrainingOutcome outcome = trainer.train(List.of(training), spec, 1, (e, l, v) -> { },
                    dir.resolve("m" + s + ".zip"));
            ConformalCalibration calibration = IntervalCalibration.of(series, training.length, spec, outcome);
            double[] forecast = outcome.predictor().forecast(History.of(series), horizon);
            ForecastIntervals intervals = ForecastIntervals.of(calibration, series, 1, horizon, LEVELS);
            assertThat(intervals.complete()).isTrue();
            for (int i = 0; i < horizon; i++) {
                double actual = all[n + i];
                for (int l = 0; l < LEVELS.size(); l++) {
                    double half = intervals.halfWidths()[l][i];
                    covered[l] += Math.abs(actual - forecast[i]) <= half ? 1 : 0;
                }
                steps++;
            }
        }
        double at80 = 100.0 * covered[0] / steps;
        double at95 = 100.0 * covered[1] / steps;
        System.out.printf(java.util.Locale.ROOT, "simulated short series: 80 %% covered %.1f %%, 95 %% covered %.1f %%%n",
                at80, at95);
        assertThat(at95).isBetween(90.0, 99.0);
        assertThat(at80).isBetween(75.0, 85.0);
    }
}
