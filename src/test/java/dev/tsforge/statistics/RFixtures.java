package dev.tsforge.statistics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fits recorded from R beside the tests ({@code src/test/resources/fixtures/<folder>/*.json}), by file name. */
final class RFixtures {

    private RFixtures() {
    }

    static List<JsonNode> read(String folder) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Path path = Path.of(RFixtures.class.getResource("/fixtures/" + folder).toURI());
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> json.readTree(f.toFile())).toList();
        }
    }
}
