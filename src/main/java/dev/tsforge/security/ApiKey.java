package dev.tsforge.security;

import java.time.Instant;

/** An API key as stored: never the key itself, only its hash and first characters. */
public record ApiKey(long id, String name, Role role, String keyPrefix, Instant createdAt, Instant revokedAt) {
}
