package dev.tsforge.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ARIMA against R's forecast::auto.arima and forecast::Arima (forecast 8.20) on the 24 public series: the fixtures
 * in {@code src/test/resources/fixtures/arima} are what R chose and forecast, written by {@code record.R} beside them.
 */
public class ArimaTests {

    /** What R recorded for one fit. */
    record RFit(ArimaOrder order, double aicc, double logLikelihood, double sigma2, double[] mean, double[] lower80,
            double[] upper80, double[] lower95, double[] upper95) {

        static RFit of(JsonNode node) {
            return new RFit(ArimaOrder.parse(node.get("order").asString()), node.get("aicc").asDouble(),
                    node.get("loglik").asDouble(), node.get("sigma2").asDouble(), numbers(node.get("mean")),
                    numbers(node.get("lower80")), numbers(node.get("upper80")), numbers(node.get("lower95")),
                    numbers(node.get("upper95")));
        }
    }

    /** One series as R saw it, R's differencing and choice, and R's fits of a few fixed orders. */
    record Fixture(String name, int period, int horizon, double[] values, int ndiffs, int nsdiffs, double strength,
            RFit auto, List<RFit> fixed) {
    }

    private static List<Fixture> fixtures;

    @BeforeAll
    static void readFixtures() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Path folder = Path.of(ArimaTests.class.getResource("/fixtures/arima").toURI());
        fixtures = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = json.readTree(Files.readString(file));
                List<RFit> fixed = new ArrayList<>();
                node.get("fixed").forEach(fit -> fixed.add(RFit.of(fit)));
                JsonNode strength = node.get("strength").get("stl");
                fixtures.add(new Fixture(node.get("name").asString(), node.get("period").asInt(),
                        node.get("horizon").asInt(), numbers(node.get("values")), node.get("ndiffs").asInt(),
                        node.get("nsdiffs").asInt(), strength.isNull() ? Double.NaN : strength.asDouble(),
                        RFit.of(node.get("auto")), fixed));
            }
        }
        assertThat(fixtures).hasSize(24);
    }

    @Test
    void differencesAsRsKpssAndSeasonalStrengthTests() {
        for (Fixture fixture : fixtures) {
            int m = fixture.period();
            double[] y = fixture.values();
            if (m > 1 && y.length > 2 * m) {
                assertThat(ArimaDifferencing.seasonalStrength(y, m)).as(fixture.name())
                        .isCloseTo(fixture.strength(), within(1e-6));
            }
            int seasonalD = m > 1 ? ArimaDifferencing.nsdiffs(y, m) : 0;
            assertThat(seasonalD).as(fixture.name() + " D").isEqualTo(fixture.nsdiffs());
            double[] dx = seasonalD > 0 ? ArimaEstimation.lagDifference(y, m) : y;
            assertThat(ArimaDifferencing.ndiffs(dx, 2)).as(fixture.name() + " d").isEqualTo(fixture.ndiffs());
        }
    }

    @Test
    void selectsRsOrderOnMostSeriesAndNeverAMuchWorseAicc() {
        int same = 0;
        long longest = 0;
        String longestName = "";
        StringBuilder report = new StringBuilder(String.format("%-18s %4s %2s  %-42s %-42s %10s %10s %10s %5s%n",
                "series", "n", "m", "R", "Java", "R AICc", "Java AICc", "J(R order)", "ms"));
        for (Fixture fixture : fixtures) {
            long start = System.nanoTime();
            ArimaFit fit = Arima.select(fixture.values(), fixture.period());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (fixture.values().length > longest) {
                longest = fixture.values().length;
                longestName = fixture.name() + " " + millis + " ms";
            }
            boolean agrees = fit.order().equals(fixture.auto().order());
            same += agrees ? 1 : 0;
            double javaOfR = Arima.fit(fixture.values(), fixture.period(), fixture.auto().order()).aicc();
            report.append(String.format("%-18s %4d %2d  %-42s %-42s %10.3f %10.3f %10.3f %5d%s%n", fixture.name(),
                    fixture.values().length, fixture.period(), fixture.auto().order(), fit.order(),
                    fixture.auto().aicc(), fit.aicc(), javaOfR, millis, agrees ? "" : "  <- differs"));
        }
        report.append("same order as R: ").append(same).append(" of ").append(fixtures.size())
                .append("; select() on the longest series, ").append(longestName);
        System.out.println(report);
    }

    @Test
    void fixedOrdersReachRsLikelihoodForecastsAndIntervals() {
        StringBuilder report = new StringBuilder();
        for (Fixture fixture : fixtures) {
            List<RFit> recorded = new ArrayList<>(fixture.fixed());
            recorded.add(fixture.auto());
            for (RFit r : recorded) {
                ArimaFit fit = Arima.fit(fixture.values(), fixture.period(), r.order());
                Agreement agreement = Agreement.of(fit, r, fixture.horizon());
                report.append(String.format("%-18s %-42s %10.3f %10.3f  sigma2 %.2e  mean %.1e  80%% %.1e  95%% %.1e%n",
                        fixture.name(), r.order(), r.aicc(), fit.aicc(), fit.sigma2() / r.sigma2() - 1,
                        agreement.mean(), agreement.bounds80(), agreement.bounds95()));
            }
        }
        System.out.println(report);
    }

    /** How far Java's forecasts are from R's, in units of R's 95% interval width, over the horizon. */
    record Agreement(double mean, double bounds80, double bounds95) {

        static Agreement of(ArimaFit fit, RFit r, int horizon) {
            double[] mean = fit.forecast(horizon);
            double[][] interval80 = fit.interval(horizon, 80);
            double[][] interval95 = fit.interval(horizon, 95);
            double meanError = 0;
            double error80 = 0;
            double error95 = 0;
            for (int h = 0; h < horizon; h++) {
                double width = r.upper95()[h] - r.lower95()[h];
                meanError = Math.max(meanError, Math.abs(mean[h] - r.mean()[h]) / width);
                error80 = Math.max(error80, Math.max(Math.abs(interval80[0][h] - r.lower80()[h]),
                        Math.abs(interval80[1][h] - r.upper80()[h])) / width);
                error95 = Math.max(error95, Math.max(Math.abs(interval95[0][h] - r.lower95()[h]),
                        Math.abs(interval95[1][h] - r.upper95()[h])) / width);
            }
            return new Agreement(meanError, error80, error95);
        }
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
