package dev.tsforge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Stored rows read across versions; requests keep refusing unknown fields. */
class StoredJsonTests {

    record Spec(int epochs) {
    }

    @Test
    void storedJsonIgnoresFieldsAVersionAddedWhileRequestsStillRefuseThem() {
        JsonMapper requests = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        String newerRow = "{\"epochs\": 7, \"addedLater\": true}";
        assertThat(StoredJson.mapper(requests).readValue(newerRow, Spec.class)).isEqualTo(new Spec(7));
        assertThatThrownBy(() -> requests.readValue(newerRow, Spec.class)).hasMessageContaining("addedLater");
    }
}
