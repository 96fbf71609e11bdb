package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published contract: {@code /v3/api-docs} equals the committed {@code contract/openapi.json}, so that a change
 * to what clients see (a field, a type, a status, a description) is a deliberate edit of that file in the same
 * commit, never a side effect of a refactoring. After a deliberate API change, rewrite the file with
 * {@code ./mvnw test -Dtest=ApiContractTests -Dtsforge.contract.write=true} and review its diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiContractTests {

    private static final Path CONTRACT = Path.of("src/test/resources/contract/openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @LocalServerPort
    int port;

    @Test
    void publishedOpenApiDocumentIsTheCommittedContract() throws IOException {
        JsonNode document = RestClient.create("http://localhost:" + port).get().uri("/v3/api-docs").retrieve()
                .body(JsonNode.class);
        // the server URL carries the test's random port
        ((ObjectNode) document).remove("servers");
        String published = JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
        if (Boolean.getBoolean("tsforge.contract.write")) {
            Files.writeString(CONTRACT, published, StandardCharsets.UTF_8);
        }
        assertThat(published).isEqualTo(Files.readString(CONTRACT, StandardCharsets.UTF_8));
    }
}
