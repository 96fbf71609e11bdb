package dev.tsforge.webhooks;

import dev.tsforge.web.ApiProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Subscriptions (created, listed, deleted, pinged) and the deliveries queued for them. */
@Service
public class Webhooks {

    /** 32 bytes: Standard Webhooks asks for 24 to 64. */
    private static final int SECRET_BYTES = 32;
    private static final int DESCRIPTION_MAX = 1000;

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final SecretCipher cipher;
    private final TargetPolicy targets;
    private final JsonMapper json;
    private final Clock clock;
    private final DeliveryPoller poller;
    private final SecureRandom random = new SecureRandom();

    Webhooks(SubscriptionRepository subscriptions, DeliveryRepository deliveries, SecretCipher cipher,
            TargetPolicy targets, JsonMapper json, Clock clock, DeliveryPoller poller) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.cipher = cipher;
        this.targets = targets;
        this.json = json;
        this.clock = clock;
        this.poller = poller;
    }

    /** A new subscription and its signing secret, returned in clear this once. */
    public record Created(WebhookSubscription subscription, String secret) {
    }

    /**
     * @throws ApiProblemException 400 bad URL or events, 422 {@code webhook-target-forbidden}, 503
     *                             {@code webhooks-not-configured} without {@code tsforge.webhooks.secret-key}
     */
    public Created create(String url, List<String> events, String description) {
        List<String> types = eventTypes(events);
        if (description != null && description.length() > DESCRIPTION_MAX) {
            throw ApiProblemException.invalidField("description", "at most " + DESCRIPTION_MAX + " characters");
        }
        String checked = targets.check(url).toString();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        long id = subscriptions.insert(checked, types, cipher.seal(secret), description, clock.instant());
        return new Created(get(id), Signatures.shown(secret));
    }

    public List<WebhookSubscription> all() {
        return subscriptions.all();
    }

    public WebhookSubscription get(long id) {
        return subscriptions.find(id).orElseThrow(() -> ApiProblemException.notFound("webhook", id));
    }

    /** Deletes a subscription with its delivery log; deliveries not yet sent are dropped. */
    public void delete(long id) {
        if (!subscriptions.delete(id)) {
            throw ApiProblemException.notFound("webhook", id);
        }
    }

    /** Queues a {@code ping} to the subscription, whatever its events, and returns the delivery to follow. */
    public WebhookDelivery test(long id) {
        WebhookSubscription subscription = get(id);
        long delivery = deliveries.insert(subscription.id(), WebhookEvent.PING.type(),
                payload(WebhookEvent.PING, clock.instant(), Map.of("webhookId", subscription.id(),
                        "message", "A test delivery from tsforge")), clock.instant());
        poller.wake();
        return deliveries.find(delivery).orElseThrow();
    }

    public record DeliveryPage(List<WebhookDelivery> items, int page, int size, long totalItems, long totalPages) {
    }

    public DeliveryPage deliveries(long id, int page, int size) {
        get(id);
        long total = deliveries.count(id);
        return new DeliveryPage(deliveries.page(id, page, size), page, size, total, (total + size - 1) / size);
    }

    /** One delivery per active subscription that asked for the event; runs in the caller's transaction. */
    @Transactional
    void publish(WebhookEvent event, Map<String, ?> data) {
        Instant now = clock.instant();
        List<WebhookSubscription> receivers = subscriptions.activeFor(event.type());
        if (receivers.isEmpty()) {
            return;
        }
        String body = payload(event, now, data);
        for (WebhookSubscription subscription : receivers) {
            deliveries.insert(subscription.id(), event.type(), body, now);
        }
        // after the commit: woken earlier, the poller would not see the rows yet and wait for its next round
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                poller.wake();
            }
        });
    }

    /** The Standard Webhooks envelope: {@code {"type", "timestamp", "data"}}. */
    private String payload(WebhookEvent event, Instant at, Map<String, ?> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", event.type());
        envelope.put("timestamp", at.toString());
        envelope.put("data", data);
        return json.writeValueAsString(envelope);
    }

    private static List<String> eventTypes(List<String> events) {
        String offered = Arrays.stream(WebhookEvent.values()).filter(WebhookEvent::published)
                .map(WebhookEvent::type).collect(Collectors.joining(", "));
        if (events == null || events.isEmpty()) {
            throw ApiProblemException.invalidField("events", "at least one of " + offered);
        }
        List<String> types = new ArrayList<>();
        for (String type : events) {
            WebhookEvent event = WebhookEvent.of(type).orElseThrow(() -> ApiProblemException.invalidField("events",
                    "unknown event " + type + "; one of " + offered));
            if (!event.published()) {
                throw ApiProblemException.invalidField("events", event == WebhookEvent.PING
                        ? "ping is sent by POST /api/v1/webhooks/{id}/test, to every subscription"
                        : type + " is reserved: nothing sends it yet; one of " + offered);
            }
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }
}
