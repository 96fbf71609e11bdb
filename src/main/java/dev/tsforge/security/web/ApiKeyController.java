package dev.tsforge.security.web;

import dev.tsforge.security.ApiKey;
import dev.tsforge.security.ApiKeys;
import dev.tsforge.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/api-keys")
@Tag(name = "API keys", description = "Keys for tsforge.security.enabled (ADMIN only)")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @Schema(description = "A new API key")
    record NewKey(@Schema(description = "Who or what uses it", example = "nightly-ingest") String name,
            @Schema(description = "READ, WRITE or ADMIN", example = "WRITE") Role role) {
    }

    @Schema(description = "A created key: `key` is shown this once and never stored")
    record CreatedKey(long id, String name, Role role, String keyPrefix, Instant createdAt, String key) {
    }

    @PostMapping
    @Operation(summary = "Create an API key; its secret is in the response, once")
    @ApiResponse(responseCode = "201", description = "The key, with its secret")
    @ApiResponse(responseCode = "400", description = "Missing name or role")
    ResponseEntity<CreatedKey> create(@RequestBody NewKey request) {
        ApiKeys.Created created = keys.create(request.name(), request.role());
        ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + key.id()))
                .body(new CreatedKey(key.id(), key.name(), key.role(), key.keyPrefix(), key.createdAt(),
                        created.secret()));
    }

    @GetMapping
    @Operation(summary = "List API keys (names, roles, prefixes; never the secrets)")
    @ApiResponse(responseCode = "200", description = "The keys, revoked ones with revokedAt")
    List<ApiKey> all() {
        return keys.all();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key; it stops working within tsforge.security.key-cache-ttl")
    @ApiResponse(responseCode = "200", description = "The revoked key")
    @ApiResponse(responseCode = "404", description = "Unknown key")
    @ApiResponse(responseCode = "409", description = "Already revoked")
    ApiKey revoke(@PathVariable long id) {
        return keys.revoke(id);
    }
}
