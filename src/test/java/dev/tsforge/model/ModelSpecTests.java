package dev.tsforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.GapPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The spec owns its defaults, its rules and its stored form; rows written before the kinds existed read back. */
class ModelSpecTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A network row as the build before the spec kinds wrote it: no discriminator. */
    private static final String LEGACY_NETWORK = """
            {"architecture":"GRU","hiddenSizes":[16,8],"bidirectional":false,"activation":"TANH",
            "weightInit":"HE","optimizer":"RMSPROP","learningRate":0.01,"batchSize":64,"epochs":30,"dropout":0.1,
            "l2":0.001,"gradientClipping":"NORM","gradientClipThreshold":2.0,"normalization":"LAST_VALUE",
            "lookback":36,"horizon":6,"strategy":"DIRECT","validationFraction":0.2,"earlyStoppingPatience":5,
            "seed":9,"gapPolicy":"MASK"}""";

    /** A Theta row as AUTO wrote it then: a network-shaped spec with THETA for the cell. */
    private static final String LEGACY_THETA = """
            {"architecture":"THETA","hiddenSizes":[],"bidirectional":false,"activation":"TANH","weightInit":"XAVIER",
            "optimizer":"ADAM","learningRate":0.005,"batchSize":32,"epochs":0,"dropout":0.0,"l2":0.0,
            "gradientClipping":"VALUE","gradientClipThreshold":1.0,"normalization":"STANDARDIZE","lookback":60,
            "horizon":12,"strategy":"DIRECT","validationFraction":0.0,"earlyStoppingPatience":0,"seed":42,
            "gapPolicy":"LINEAR"}""";

    @Test
    void rowsWrittenBeforeTheKindsReadBackAsTheirKind() {
        ModelSpec network = StoredSpecs.read(JSON, LEGACY_NETWORK);
        assertThat(network).isInstanceOf(NetworkSpec.class);
        NetworkSpec gru = (NetworkSpec) network;
        assertThat(gru.architecture()).isEqualTo(Architecture.GRU);
        assertThat(gru.hiddenSizes()).containsExactly(16, 8);
        assertThat(gru.learningRate()).isEqualTo(0.01);
        assertThat(gru.batchSize()).isEqualTo(64);
        assertThat(gru.normalization()).isEqualTo(Normalization.LAST_VALUE);
        assertThat(gru.earlyStoppingPatience()).isEqualTo(5);
        assertThat(gru.window()).isEqualTo(new WindowSpec(36, 6, OutputStrategy.DIRECT, GapPolicy.MASK, 9));
        assertThat(gru.outputSteps()).isEqualTo(6);

        ModelSpec theta = StoredSpecs.read(JSON, LEGACY_THETA);
        assertThat(theta).isEqualTo(StatisticalSpec.theta(60, 12, GapPolicy.LINEAR, 42));
        assertThat(theta.architectureName()).isEqualTo("THETA");
        assertThat(theta.epochs()).isZero();
    }

    @Test
    void covariatesAreCheckedWhenRequestedAndKeptByAWarmStart() {
        Covariates weekdays = new Covariates(List.of(CalendarFeature.DAY_OF_WEEK), "DE");
        NetworkSpec.Overrides none = NetworkSpec.Overrides.NONE;
        NetworkSpec requested = NetworkSpec.requested(withCovariates(none, weekdays, null));
        assertThat(requested.covariates()).isEqualTo(weekdays);
        assertThat(requested.inputs()).isEqualTo(6);
        assertThatThrownBy(() -> NetworkSpec.requested(withCovariates(none, weekdays, SpecOptions.Rollout.STATEFUL)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("STATEFUL");
        assertThatThrownBy(() -> NetworkSpec.requested(withCovariates(none, new Covariates(List.of(), "Atlantis"),
                null))).isInstanceOf(InvalidSpecException.class).hasMessageContaining("ATLANTIS");

        assertThat(NetworkSpec.continuing(requested, none).covariates()).isEqualTo(weekdays);
        assertThatThrownBy(() -> NetworkSpec.continuing(requested, withCovariates(none, Covariates.NONE, null)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("covariates");
    }

    private static NetworkSpec.Overrides withCovariates(NetworkSpec.Overrides o, Covariates covariates,
            SpecOptions.Rollout rollout) {
        return new NetworkSpec.Overrides(o.architecture(), o.hiddenSizes(), o.bidirectional(), o.activation(),
                o.weightInit(), o.optimizer(), o.learningRate(), o.batchSize(), o.epochs(), o.dropout(), o.l2(),
                o.gradientClipping(), o.gradientClipThreshold(), o.normalization(), o.lookback(), o.horizon(),
                o.strategy(), o.validationFraction(), o.earlyStoppingPatience(), o.seed(), o.gapPolicy(), rollout,
                covariates);
    }

    @Test
    void storedSpecsCarryTheirKindAndRoundTrip() {
        NetworkSpec network = (NetworkSpec) StoredSpecs.read(JSON, LEGACY_NETWORK);
        String written = StoredSpecs.write(JSON, network);
        assertThat(JSON.readTree(written).get("kind").asString()).isEqualTo("NETWORK");
        assertThat(StoredSpecs.read(JSON, written)).isEqualTo(network);
        assertThat(network.rollout()).as("rows from before roll-outs").isEqualTo(SpecOptions.Rollout.SLIDING);
        assertThat(JSON.readTree(written).has("rollout")).as("a SLIDING row is written as before").isFalse();
        NetworkSpec stateful = TestSpecs.small(Architecture.LSTM).withRollout(SpecOptions.Rollout.STATEFUL);
        assertThat(StoredSpecs.read(JSON, StoredSpecs.write(JSON, stateful))).isEqualTo(stateful);
        assertThat(network.covariates()).as("rows from before covariates").isEqualTo(Covariates.NONE);
        assertThat(JSON.readTree(written).has("calendar")).as("a row without covariates is written as before")
                .isFalse();
        NetworkSpec calendar = TestSpecs.small(Architecture.GRU).withCovariates(
                new Covariates(List.of(CalendarFeature.DAY_OF_WEEK, CalendarFeature.MONTH), "us-ny"));
        String calendarRow = StoredSpecs.write(JSON, calendar);
        assertThat(JSON.readTree(calendarRow).get("holidays").asString()).isEqualTo("US-NY");
        assertThat(StoredSpecs.read(JSON, calendarRow)).isEqualTo(calendar);

        StatisticalSpec theta = StatisticalSpec.theta(48, 6, GapPolicy.SPLIT, 3);
        String thetaRow = StoredSpecs.write(JSON, theta);
        assertThat(JSON.readTree(thetaRow).get("kind").asString()).isEqualTo("STATISTICAL");
        assertThat(JSON.readTree(thetaRow).has("hiddenSizes")).as("a Theta row stores no network fields").isFalse();
        assertThat(StoredSpecs.read(JSON, thetaRow)).isEqualTo(theta);
        // the kind the build before statistical methods wrote for Theta
        assertThat(StoredSpecs.read(JSON, "{\"kind\":\"THETA\",\"architecture\":\"THETA\",\"lookback\":48,"
                + "\"horizon\":6,\"strategy\":\"DIRECT\",\"seed\":3,\"gapPolicy\":\"SPLIT\"}")).isEqualTo(theta);

        StatisticalSpec combination = new StatisticalSpec(List.of(StatisticalSpec.Method.ETS,
                StatisticalSpec.Method.THETA, StatisticalSpec.Method.SEASONAL_NAIVE), "MAdM", null,
                new WindowSpec(60, 6, OutputStrategy.DIRECT, GapPolicy.LINEAR, 1));
        assertThat(combination.architectureName()).isEqualTo("COMBINATION(ETS(MAdM),THETA,SEASONAL_NAIVE)");
        assertThat(StoredSpecs.read(JSON, StoredSpecs.write(JSON, combination))).isEqualTo(combination);
        StatisticalSpec standing = new StatisticalSpec(List.of(StatisticalSpec.Method.ETS,
                StatisticalSpec.Method.ARIMA, StatisticalSpec.Method.THETA), "AAN", "ARIMA(0,1,1)",
                combination.window());
        String standingRow = StoredSpecs.write(JSON, standing);
        assertThat(standingRow).as("a row as it was before ARIMA read more").doesNotContain("arimaLookback");
        assertThat(StoredSpecs.read(JSON, standingRow).inputLength()).isEqualTo(60);
        StatisticalSpec wholeRun = standing.withArimaLookback(400);
        assertThat(StoredSpecs.read(JSON, StoredSpecs.write(JSON, wholeRun))).isEqualTo(wholeRun)
                .extracting(ModelSpec::inputLength).isEqualTo(400);
        assertThatThrownBy(() -> new StatisticalSpec(List.of(StatisticalSpec.Method.ETS), null, null,
                combination.window())).as("ETS names its form").isInstanceOf(IllegalArgumentException.class);
        StatisticalSpec stl = new StatisticalSpec(List.of(StatisticalSpec.Method.STL_ETS,
                StatisticalSpec.Method.STL_ARIMA, StatisticalSpec.Method.THETA), null, "ARIMA(1,1,0)",
                combination.window());
        assertThat(stl.architectureName()).isEqualTo("COMBINATION(STL_ETS,STL+ARIMA(1,1,0),THETA)");
        assertThat(StoredSpecs.read(JSON, StoredSpecs.write(JSON, stl))).isEqualTo(stl);
        assertThat(new StatisticalSpec(List.of(StatisticalSpec.Method.STL_ARIMA), null, null, combination.window())
                .architectureName()).as("an order chosen at each forecast").isEqualTo("STL_ARIMA");
        assertThatThrownBy(() -> new StatisticalSpec(List.of(StatisticalSpec.Method.ARIMA,
                StatisticalSpec.Method.STL_ARIMA), null, "ARIMA(1,1,0)", combination.window()))
                .as("two orders in one field").hasMessageContaining("not both");
        assertThatThrownBy(() -> new StatisticalSpec(List.of(StatisticalSpec.Method.STL_ETS), null, "ARIMA(1,1,0)",
                combination.window())).as("an order without ARIMA").isInstanceOf(IllegalArgumentException.class);
        assertThat(StatisticalSpec.combine(List.of(new double[] {1, 10}, new double[] {2, 30}, new double[] {9, 20}),
                2)).as("the median, step by step").containsExactly(2, 20);
        assertThat(StatisticalSpec.combine(List.of(new double[] {1, 10}, new double[] {2, 30}), 2))
                .as("the mean of two").containsExactly(1.5, 20);

        assertThatThrownBy(() -> StoredSpecs.read(JSON, "{\"kind\":\"ETS\",\"lookback\":1,\"horizon\":1,"
                + "\"strategy\":\"DIRECT\",\"seed\":1}")).hasMessageContaining("unknown kind ETS");
    }

    @Test
    void aRequestWithNothingSetGetsTheDefaults() {
        NetworkSpec spec = NetworkSpec.requested(NetworkSpec.Overrides.NONE);
        assertThat(spec).isEqualTo(NetworkSpec.DEFAULTS);
        assertThat(spec.architecture()).isEqualTo(Architecture.LSTM);
        assertThat(spec.hiddenSizes()).containsExactly(32);
        assertThat(spec.window()).isEqualTo(new WindowSpec(24, 12, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 42));
        assertThat(spec.minimumPoints()).isEqualTo(12 + 24 + 1 - 1 + ModelSpec.MIN_WINDOWS);
    }

    @Test
    void theSpecRefusesCombinationsTheLayersDoNotOffer() {
        assertThatThrownBy(() -> NetworkSpec.requested(overrides(Architecture.GRU, CellActivation.RELU, null)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.field()).isEqualTo("activation"));
        assertThatThrownBy(() -> NetworkSpec.requested(overrides(Architecture.GRU, null, true)))
                .isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.field()).isEqualTo("bidirectional"));
        assertThat(NetworkSpec.requested(overrides(Architecture.LSTM, CellActivation.RELU, true)).recurrentUnits())
                .isEqualTo(64);
    }

    @Test
    void aWarmStartKeepsTheNetworkAndMayChangeTheFitting() {
        NetworkSpec parent = (NetworkSpec) StoredSpecs.read(JSON, LEGACY_NETWORK);
        NetworkSpec child = NetworkSpec.continuing(parent, new NetworkSpec.Overrides(null, null, null, null, null,
                null, 0.001, null, 3, null, null, null, null, null, null, null, null, null, null, 77L, null));
        assertThat(child).isEqualTo(new NetworkSpec(parent.architecture(), parent.hiddenSizes(),
                parent.bidirectional(), parent.activation(), parent.weightInit(), parent.optimizer(), 0.001,
                parent.batchSize(), 3, parent.dropout(), parent.l2(), parent.gradientClipping(),
                parent.gradientClipThreshold(), parent.normalization(), parent.validationFraction(),
                parent.earlyStoppingPatience(), parent.window().withSeed(77)));
        assertThatThrownBy(() -> NetworkSpec.continuing(parent, new NetworkSpec.Overrides(null, List.of(32), null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null))).isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("hiddenSizes");
                    assertThat(e.getMessage()).contains("[16, 8]");
                });
        assertThatThrownBy(() -> NetworkSpec.continuing(parent, new NetworkSpec.Overrides(null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, 12, null, null, null, null, null)))
                .as("a DIRECT network's horizon is its output size").isInstanceOf(InvalidSpecException.class);
    }

    private static NetworkSpec.Overrides overrides(Architecture cell, CellActivation activation, Boolean twoWay) {
        return new NetworkSpec.Overrides(cell, null, twoWay, activation, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }
}
