package dev.tsforge.config;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper for JSON the service stored itself (specs, metrics, results in database columns). Request bodies refuse
 * unknown fields (a typo must not pass silently), but a row written by an older or newer version of the service
 * must still read after an upgrade or a rollback that added or removed a field.
 */
public final class StoredJson {

    private StoredJson() {
    }

    public static JsonMapper mapper(JsonMapper requests) {
        return requests.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
