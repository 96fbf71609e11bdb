package dev.tsforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.tsforge.config.StoredJson;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.model.internal.network.Dl4jPredictorLoader;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models saved by an earlier build keep loading and forecast what they did: every zip in
 * {@code fixtures/models/v1} was written by the service's trainer at artifact format 1 (see
 * {@code dev.tsforge.fixtures.FixturesGenerator}), beside the forecast that build made from a recorded history. DL4J
 * names each layer's class in the zip's {@code configuration.json}, so these fail when a custom layer is moved or
 * renamed without a mapping for the old name.
 */
class ModelFixturesTests {

    /** Every kind the generator writes: a missing file must fail, not shrink the parameter list. */
    private static final List<String> KINDS = List.of("bidirectional-lstm", "direct", "gru", "imported", "last-value",
            "lstm-fused", "lstm-stock", "mask", "simple-rnn", "theta", "warm-start");
    /**
     * Relative tolerance of a forecast value. The networks compute in float32, whose last bits may differ between
     * CPUs (vector width, fused multiply-add); on the machine that wrote the fixtures the values repeat exactly.
     */
    private static final double TOLERANCE_PERCENT = 1e-3;
    /** Unpacked bytes the import check allows; the fixtures are a few KB each. */
    private static final long MAX_UNPACKED = 10_000_000;

    private static final JsonMapper JSON = StoredJson.mapper(JsonMapper.builder().build());
    /** The service's one loader, as it injects it. */
    private static final ModelLoader loader = new ModelLoader(new Dl4jPredictorLoader());

    private static Path copy;

    /**
     * The fixtures copied out of the classpath, once: loading a format-1 file writes its mapped copy (and that copy's
     * rewrite) beside it, and ArchitectureTests, importing the test classpath in the other test JVM, failed on such a
     * file that was deleted while it scanned (NoSuchFileException on {@code gru.zip.<uuid>.v2.rewrite}).
     */
    private static synchronized Path folder() throws URISyntaxException, IOException {
        if (copy == null) {
            Path source = Path.of(ModelFixturesTests.class.getResource("/fixtures/models/v1").toURI());
            Path target = Files.createDirectories(Path.of("target", "test-data", "fixtures-v1-" + UUID.randomUUID()));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
            copy = target;
        }
        return copy;
    }

    static Stream<String> kinds() {
        return KINDS.stream();
    }

    @Test
    void everyKindHasAFixtureAndEveryFixtureIsTested() throws Exception {
        try (Stream<Path> files = Files.list(folder())) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(KINDS.stream().flatMap(kind -> Stream.of(kind + ".json", kind + ".zip"))
                            .sorted().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void loadsAndForecastsWhatTheBuildThatSavedItForecast(String kind) throws Exception {
        JsonNode fixture = JSON.readTree(folder().resolve(kind + ".json").toFile());
        Path zip = folder().resolve(fixture.get("artifact").asString());
        assertThat(sha256(zip)).as("the zip is the one the generator wrote").isEqualTo(fixture.get("sha256").asString());

        Predictor predictor = loader.load(zip);
        assertThat(predictor.lookback()).isEqualTo(fixture.get("lookback").asInt());
        assertThat(predictor.outputSteps()).isEqualTo(fixture.get("outputSteps").asInt());

        double[] forecast = predictor.forecast(History.of(history(fixture)), fixture.get("horizon").asInt());
        JsonNode expected = fixture.get("forecast");
        assertThat(forecast).hasSize(expected.size());
        for (int step = 0; step < forecast.length; step++) {
            assertThat(forecast[step]).as("%s, step %d", kind, step + 1)
                    .isCloseTo(expected.get(step).asDouble(), withinPercentage(TOLERANCE_PERCENT));
        }
    }

    /** What an import runs on an uploaded network: entries, normaliser, layer types, a probe forecast; then the spec. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aNetworkPassesTheImportCheckAndReadsBackItsSpec(String kind) throws Exception {
        JsonNode fixture = JSON.readTree(folder().resolve(kind + ".json").toFile());
        Path zip = folder().resolve(fixture.get("artifact").asString());
        ArtifactInfo info;
        if (hasNetwork(zip)) {
            info = loader.inspectUntrusted(zip, MAX_UNPACKED);
        } else {
            // a THETA zip holds only the metadata, which the import check refuses (imports are networks); the
            // loader reads its spec through the same metadata reader
            assertThat(fixture.get("spec").get("architecture").asString()).isEqualTo("THETA");
            info = SpecProperties.read(ArtifactFormat.readMetadata(zip));
        }
        assertThat(info.lookback()).isEqualTo(fixture.get("lookback").asInt());
        assertThat(info.outputSteps()).isEqualTo(fixture.get("outputSteps").asInt());
        assertThat(info.engine()).isEqualTo(fixture.get("engine").asString());
        // the row's spec as that build stored it (no kind discriminator) reads back as the spec the zip holds
        assertThat(info.spec()).as("the spec in the zip is the one in the model's row")
                .isEqualTo(StoredSpecs.read(JSON, JSON.writeValueAsString(fixture.get("spec"))));
    }

    /** The calibration and evaluation JSON of the model's row still read, and give intervals where they did. */
    @ParameterizedTest
    @MethodSource("kinds")
    void theStoredCalibrationAndEvaluationStillRead(String kind) throws Exception {
        JsonNode fixture = JSON.readTree(folder().resolve(kind + ".json").toFile());
        JsonNode spec = fixture.get("spec");
        HoldoutEvaluation evaluation = JSON.treeToValue(fixture.get("evaluation"), HoldoutEvaluation.class);
        assertThat(evaluation.horizon()).isEqualTo(spec.get("horizon").asInt());
        assertThat(evaluation.model().mae()).isEqualTo(fixture.get("evaluation").get("model").get("mae").asDouble());

        if (kind.equals("imported")) {
            assertThat(fixture.get("calibration").isNull()).as("an import has no out-of-sample errors").isTrue();
            return;
        }
        ConformalCalibration calibration = JSON.treeToValue(fixture.get("calibration"), ConformalCalibration.class);
        JsonNode stored = fixture.get("calibration");
        assertThat(calibration.origins()).isEqualTo(stored.get("origins").asInt())
                .isGreaterThanOrEqualTo(ConformalCalibration.MIN_ORIGINS);
        assertThat(calibration.horizon()).isEqualTo(spec.get("horizon").asInt());
        double[] firstStep = calibration.errors().get(0);
        assertThat(firstStep).hasSize(stored.get("errors").get(0).size()).isSorted();
        int rank = (int) Math.ceil((firstStep.length + 1) * 0.8);
        assertThat(calibration.halfWidth(1, 80)).isEqualTo(firstStep[rank - 1]);
    }

    /**
     * Version 1 named the custom layers in {@code dev.tsforge.model}: the loads above go through the mapping to
     * today's classes, and so does a warm start, whose new file is written at today's version with today's names.
     */
    @Test
    void aVersionOneFileNamesTheOldLayersAndAWarmStartContinuesFromIt(@TempDir Path dir) throws Exception {
        JsonNode fixture = JSON.readTree(folder().resolve("lstm-fused.json").toFile());
        Path parent = folder().resolve(fixture.get("artifact").asString());
        assertThat(fixture.get("formatVersion").asString()).isEqualTo("1");
        assertThat(configuration(parent)).contains("\"dev.tsforge.model.FusedLstmLayer\"");

        NetworkSpec spec = ((NetworkSpec) StoredSpecs.read(JSON, JSON.writeValueAsString(fixture.get("spec"))))
                .withEpochs(2);
        Path child = dir.resolve("child.zip");
        new Dl4jTrainer(true).continueTraining(parent, List.of(history(fixture)), spec, (e, l, v) -> { }, child);

        assertThat(ArtifactFormat.readMetadata(child).getProperty("format")).isEqualTo("2");
        assertThat(configuration(child)).contains("\"" + FusedLstmLayer.class.getName() + "\"")
                .doesNotContain("dev.tsforge.model.FusedLstmLayer");
        double[] forecast = loader.load(child).forecast(History.of(history(fixture)), fixture.get("horizon").asInt());
        assertThat(forecast).hasSize(fixture.get("horizon").asInt());
        for (double value : forecast) {
            assertThat(value).isFinite();
        }
        try (Stream<Path> left = Files.list(folder())) {
            assertThat(left.map(Path::toString)).as("the mapped copy is deleted").noneMatch(p -> p.endsWith(".v2"));
        }
    }

    private static String configuration(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return new String(file.getInputStream(file.getEntry("configuration.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }

    /** The recorded history; null is a missing value (MASK). */
    private static double[] history(JsonNode fixture) {
        JsonNode values = fixture.get("history");
        double[] history = new double[values.size()];
        for (int i = 0; i < history.length; i++) {
            history[i] = values.get(i).isNull() ? Double.NaN : values.get(i).asDouble();
        }
        return history;
    }

    private static boolean hasNetwork(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry("configuration.json") != null;
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
