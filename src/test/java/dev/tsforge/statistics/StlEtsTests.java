package dev.tsforge.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * StlEts and StlArima against R's forecast::mstl and stlf (forecast 8.20; {@code method = "arima"} for StlArima) on
 * four series recorded by {@code record.R} in
 * {@code src/test/resources/fixtures/stlf}: half-hours (m = 48), half-hours with a day and a week as seasons (48 and
 * 336), a multiplicative monthly season (m = 12) and weeks with a yearly season (m = 52).
 */
class StlEtsTests {

    record Fixture(String name, int[] periods, int horizon, double[] values, List<double[]> seasonal, String form,
            double[] mean, String arimaOrder, double[] arimaMean) {
    }

    private static List<Fixture> fixtures;

    @BeforeAll
    static void readFixtures() throws Exception {
        fixtures = new ArrayList<>();
        for (JsonNode node : RFixtures.read("stlf")) {
            List<double[]> seasonal = new ArrayList<>();
            node.get("seasonal").forEach(component -> seasonal.add(RForecast.numbers(component)));
            fixtures.add(new Fixture(node.get("name").asString(),
                    Arrays.stream(RForecast.numbers(node.get("periods"))).mapToInt(p -> (int) p).toArray(),
                    node.get("horizon").asInt(), RForecast.numbers(node.get("values")), seasonal,
                    node.get("form").asString(), RForecast.numbers(node.get("mean")),
                    node.get("arimaOrder").asString(), RForecast.numbers(node.get("arimaMean"))));
        }
        assertThat(fixtures).hasSize(4);
        assertThat(fixtures).anySatisfy(fixture -> assertThat(fixture.periods()).hasSize(2));
    }

    @Test
    void decomposesAsRsMstl() {
        for (Fixture fixture : fixtures) {
            double[][] seasonal = StlEts.decompose(fixture.values(), fixture.periods());
            double scale = range(fixture.values());
            assertThat(seasonal.length).as(fixture.name()).isEqualTo(fixture.seasonal().size());
            for (int s = 0; s < seasonal.length; s++) {
                assertThat(seasonal[s]).as(fixture.name() + " season " + fixture.periods()[s])
                        .containsExactly(fixture.seasonal().get(s), within(1e-9 * scale));
            }
        }
    }

    @Test
    void forecastsAsRsStlf() {
        for (Fixture fixture : fixtures) {
            double[] forecast = StlEts.forecast(fixture.values(), fixture.periods(), fixture.horizon());
            double[] adjusted = fixture.values().clone();
            for (double[] component : fixture.seasonal()) {
                for (int i = 0; i < adjusted.length; i++) {
                    adjusted[i] -= component[i];
                }
            }
            assertThat(Ets.select(adjusted, 1).form().method()).as(fixture.name()).isEqualTo(fixture.form());
            // the same decomposition and ETS form; ETS's optimiser stops where R's does to about this
            double tolerance = 1e-3 * range(fixture.values());
            assertThat(forecast).as(fixture.name() + " " + fixture.form()).hasSize(fixture.horizon())
                    .containsExactly(fixture.mean(), within(tolerance));
        }
    }

    @Test
    void forecastsAsRsStlfWithArima() {
        for (Fixture fixture : fixtures) {
            int horizon = fixture.horizon();
            double[] adjusted = fixture.values().clone();
            for (double[] component : fixture.seasonal()) {
                for (int i = 0; i < adjusted.length; i++) {
                    adjusted[i] -= component[i];
                }
            }
            assertThat(Arima.select(adjusted, 1).order().toString()).as(fixture.name())
                    .isEqualTo(fixture.arimaOrder());
            double[] forecast = StlEts.forecast(fixture.values(), fixture.periods(), horizon,
                    values -> Arima.select(values, 1).forecast(horizon));
            // the same decomposition and order; the likelihood's optimiser stops where R's does to about this
            assertThat(forecast).as(fixture.name() + " " + fixture.arimaOrder()).hasSize(horizon)
                    .containsExactly(fixture.arimaMean(), within(1e-3 * range(fixture.values())));
            if (fixture.periods().length == 1) {
                int period = fixture.periods()[0];
                assertThat(StlArima.forecast(fixture.values(), period, horizon, Duration.ofMinutes(1)))
                        .containsExactly(forecast);
                ArimaOrder order = StlArima.order(fixture.values(), period, Duration.ofMinutes(1));
                assertThat(order.toString()).as(fixture.name()).isEqualTo(fixture.arimaOrder());
                assertThat(StlArima.forecast(fixture.values(), period, horizon, order)).as("the order kept")
                        .containsExactly(forecast, within(1e-9 * range(fixture.values())));
            }
        }
    }

    @Test
    void twoSeasonsOrFewerAreSmoothedWithoutASeason() {
        double[] values = new double[96];
        for (int i = 0; i < values.length; i++) {
            values[i] = 10 + Math.sin(2 * Math.PI * i / 48) + 0.01 * i;
        }
        assertThat(StlEts.decomposes(values.length, 48)).isFalse();
        assertThat(StlEts.forecast(values, 48, 5)).containsExactly(Ets.select(values, 1).forecast(5));
        assertThat(StlEts.decomposes(97, 48)).isTrue();
        assertThat(StlEts.forecast(values, new int[] {48, 336}, 5)).as("neither season kept")
                .containsExactly(Ets.select(values, 1).forecast(5));
        assertThat(StlArima.forecast(values, 48, 5, Duration.ofMinutes(1)))
                .containsExactly(Arima.select(values, 1).forecast(5));
    }

    private static double range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max - min;
    }
}
