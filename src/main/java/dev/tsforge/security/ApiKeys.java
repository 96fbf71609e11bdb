package dev.tsforge.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tsforge.web.ApiProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, revokes and checks API keys. A key is 32 random bytes, shown once; the database keeps its SHA-256
 * (a fast hash is enough for 256 random bits: there is nothing to guess, unlike a password).
 */
@Service
public class ApiKeys {

    /** Marks tsforge keys, so that secret scanners and operators recognise one. */
    static final String KEY_PREFIX = "tsf_";
    private static final int PREFIX_SHOWN = 10;
    private static final int NAME_MAX = 200;

    private final ApiKeyRepository repository;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String adminKeyHash;
    private final Cache<String, Optional<ApiKey>> checked;

    ApiKeys(ApiKeyRepository repository, SecurityProperties properties, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.adminKeyHash = properties.adminKey().isBlank() ? null : hash(properties.adminKey());
        this.checked = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.keyCacheTtl()).build();
    }

    /** A new key, returned in clear this once. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > NAME_MAX) {
            throw ApiProblemException.invalidField("name", "1 to " + NAME_MAX + " characters");
        }
        if (role == null) {
            throw ApiProblemException.invalidField("role", "one of READ, WRITE, ADMIN");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long id = repository.insert(name.trim(), role, hash(secret), secret.substring(0, PREFIX_SHOWN), clock.instant());
        return new Created(repository.find(id).orElseThrow(), secret);
    }

    public List<ApiKey> all() {
        return repository.all();
    }

    /** @throws ApiProblemException 404 unknown key, 409 already revoked */
    public ApiKey revoke(long id) {
        ApiKey key = repository.find(id).orElseThrow(() -> ApiProblemException.notFound("API key", id));
        if (!repository.revoke(id, clock.instant())) {
            throw new ApiProblemException(dev.tsforge.web.ProblemType.ILLEGAL_STATE, "API key " + id
                    + " is already revoked.", java.util.Map.of("revokedAt", String.valueOf(key.revokedAt())));
        }
        checked.invalidateAll();
        return repository.find(id).orElseThrow();
    }

    /** The role of a presented key, or empty when it is unknown or revoked. */
    Optional<Role> roleOf(String secret) {
        String hash = hash(secret);
        if (adminKeyHash != null && MessageDigest.isEqual(adminKeyHash.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Role.ADMIN);
        }
        return checked.get(hash, repository::findActive).map(ApiKey::role);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
