package dev.tsforge.webhooks;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

    private static final String COLUMNS = "id, url, events, description, active, deactivated_reason, created_at";

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String url, List<String> events, SecretCipher.Sealed secret, String description, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO webhook_subscription (url, events, secret_cipher, secret_nonce, description, active,
                    created_at)
                VALUES (:url, :events, :cipher, :nonce, :description, TRUE, :now)""")
                .param("url", url)
                .param("events", String.join(",", events))
                .param("cipher", secret.cipherText())
                .param("nonce", secret.nonce())
                .param("description", description)
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<WebhookSubscription> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription WHERE id = :id")
                .param("id", id).query(SubscriptionRepository::map).optional();
    }

    List<WebhookSubscription> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription ORDER BY id")
                .query(SubscriptionRepository::map).list();
    }

    /** Active subscriptions that asked for {@code eventType}. */
    List<WebhookSubscription> activeFor(String eventType) {
        // a handful of rows: filtered here rather than with a LIKE on the comma list, which could match a prefix
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription WHERE active = TRUE ORDER BY id")
                .query(SubscriptionRepository::map).list().stream()
                .filter(subscription -> subscription.events().contains(eventType)).toList();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM webhook_subscription WHERE id = :id").param("id", id).update() == 1;
    }

    void deactivate(long id, String reason) {
        jdbc.sql("UPDATE webhook_subscription SET active = FALSE, deactivated_reason = :reason WHERE id = :id")
                .param("reason", reason).param("id", id).update();
    }

    private static WebhookSubscription map(ResultSet rs, int row) throws SQLException {
        return new WebhookSubscription(rs.getLong("id"), rs.getString("url"),
                Arrays.asList(rs.getString("events").split(",")), rs.getString("description"),
                rs.getBoolean("active"), rs.getString("deactivated_reason"), instant(rs, "created_at"));
    }
}
