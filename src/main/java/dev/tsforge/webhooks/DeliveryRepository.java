package dev.tsforge.webhooks;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The delivery table, which is also the queue every replica polls. A replica takes a delivery with a lease, a
 * conditional UPDATE that only one replica can win (compare and set, as the training jobs' transitions), and gives it
 * back with the attempt's result in another UPDATE that only the lease holder can make. A lease outlives any attempt
 * ({@code tsforge.webhooks.lease} > connect + response timeouts), so only a crashed replica's claim expires and is
 * taken over. Plain SQL that H2 and PostgreSQL both run, unlike {@code SKIP LOCKED}, which would also hold a
 * transaction open across the HTTP call.
 */
@Repository
class DeliveryRepository {

    private static final String COLUMNS = """
            id, subscription_id, event_type, payload, status, attempts, next_attempt_at, last_status_code,
            last_error, created_at, delivered_at""";
    private static final int MAX_ERROR = 1000;
    private static final String DUE = """
            status = 'PENDING' AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)""";

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long subscriptionId, String eventType, String payload, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO webhook_delivery (subscription_id, event_type, payload, status, attempts,
                    next_attempt_at, created_at)
                VALUES (:subscription, :type, :payload, 'PENDING', 0, :now, :now)""")
                .param("subscription", subscriptionId)
                .param("type", eventType)
                .param("payload", payload)
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE id = :id").param("id", id).query(Long.class)
                .single() > 0;
    }

    /** Deliveries due now and claimed by no live replica, oldest first: candidates for {@link #claim}. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM webhook_delivery WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT :limit")
                .param("now", utc(now)).param("limit", limit)
                .query(Long.class).list();
    }

    /** Takes a due delivery for {@code replica} until {@code until}; false when another replica took it first. */
    boolean claim(long id, String replica, Instant now, Instant until) {
        return jdbc.sql("UPDATE webhook_delivery SET claimed_by = :replica, claimed_until = :until WHERE id = :id AND "
                        + DUE)
                .param("replica", replica).param("until", utc(until)).param("id", id).param("now", utc(now))
                .update() == 1;
    }

    /** What an attempt needs: the delivery, its subscription's URL, secret and whether it is still active. */
    record Claimed(long id, long subscriptionId, String eventType, String payload, int attempts, String url,
            SecretCipher.Sealed secret, boolean active) {
    }

    Optional<Claimed> claimed(long id, String replica) {
        return jdbc.sql("""
                SELECT d.id, d.subscription_id, d.event_type, d.payload, d.attempts, s.url, s.secret_cipher,
                    s.secret_nonce, s.active
                FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.id = :id AND d.claimed_by = :replica AND d.status = 'PENDING'""")
                .param("id", id).param("replica", replica)
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("subscription_id"),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getString("url"), new SecretCipher.Sealed(rs.getString("secret_cipher"),
                                rs.getString("secret_nonce")), rs.getBoolean("active")))
                .optional();
    }

    /**
     * Records an attempt and gives the delivery back: PENDING again until {@code nextAttempt}, or DELIVERED, or
     * FAILED. Only the lease holder may; false when the lease was lost (then nothing is written).
     */
    boolean finish(long id, String replica, int attempt, String status, Integer statusCode, String error,
            long durationMillis, Instant now, Instant nextAttempt) {
        boolean held = jdbc.sql("""
                UPDATE webhook_delivery SET status = :status, attempts = :attempt, last_status_code = :code,
                    last_error = :error, next_attempt_at = :next, claimed_by = NULL, claimed_until = NULL,
                    delivered_at = :deliveredAt
                WHERE id = :id AND claimed_by = :replica""")
                .param("status", status).param("attempt", attempt).param("code", statusCode)
                .param("error", truncate(error)).param("next", utc(nextAttempt))
                .param("deliveredAt", status.equals("DELIVERED") ? utc(now) : null)
                .param("id", id).param("replica", replica)
                .update() == 1;
        if (held) {
            jdbc.sql("""
                    INSERT INTO webhook_attempt (delivery_id, attempt, status_code, error, duration_ms, attempted_at)
                    VALUES (:id, :attempt, :code, :error, :duration, :now)""")
                    .param("id", id).param("attempt", attempt).param("code", statusCode)
                    .param("error", truncate(error)).param("duration", durationMillis).param("now", utc(now))
                    .update();
        }
        return held;
    }

    long count(long subscriptionId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = :id")
                .param("id", subscriptionId).query(Long.class).single();
    }

    /** A page of a subscription's deliveries, newest first, each with its attempts. */
    List<WebhookDelivery> page(long subscriptionId, int page, int size) {
        List<WebhookDelivery> rows = jdbc.sql("SELECT " + COLUMNS
                        + " FROM webhook_delivery WHERE subscription_id = :id ORDER BY id DESC LIMIT :size OFFSET :offset")
                .param("id", subscriptionId).param("size", size).param("offset", (long) page * size)
                .query((rs, row) -> map(rs, List.of())).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<WebhookDelivery.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT delivery_id, attempt, status_code, error, duration_ms, attempted_at FROM webhook_attempt
                WHERE delivery_id IN (:ids) ORDER BY delivery_id, attempt""")
                .param("ids", rows.stream().map(WebhookDelivery::id).toList())
                .query(rs -> {
                    attempts.computeIfAbsent(rs.getLong("delivery_id"), id -> new ArrayList<>())
                            .add(new WebhookDelivery.Attempt(rs.getInt("attempt"),
                                    rs.getObject("status_code", Integer.class), rs.getString("error"),
                                    rs.getLong("duration_ms"), instant(rs, "attempted_at")));
                });
        return rows.stream().map(delivery -> withAttempts(delivery, attempts.getOrDefault(delivery.id(), List.of())))
                .toList();
    }

    Optional<WebhookDelivery> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_delivery WHERE id = :id").param("id", id)
                .query((rs, row) -> map(rs, List.of())).optional();
    }

    private static WebhookDelivery withAttempts(WebhookDelivery d, List<WebhookDelivery.Attempt> attempts) {
        return new WebhookDelivery(d.id(), d.subscriptionId(), d.webhookId(), d.eventType(), d.status(), d.attempts(),
                d.nextAttemptAt(), d.lastStatusCode(), d.lastError(), d.createdAt(), d.deliveredAt(), d.payload(),
                attempts);
    }

    private static WebhookDelivery map(ResultSet rs, List<WebhookDelivery.Attempt> attempts) throws SQLException {
        long id = rs.getLong("id");
        return new WebhookDelivery(id, rs.getLong("subscription_id"), WebhookDelivery.webhookId(id),
                rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "delivered_at"),
                rs.getString("payload"), attempts);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }
}
