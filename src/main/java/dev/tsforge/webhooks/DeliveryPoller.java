package dev.tsforge.webhooks;

import dev.tsforge.config.StartupRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries on this replica's own threads: one poller and {@code tsforge.webhooks.senders} senders, so a
 * webhook never waits behind an hour-long training on JobRunr's worker. The poller claims only as many deliveries as
 * it has free senders (the rest stay for other replicas), every {@code poll-interval} or at once when this replica
 * queued one.
 *
 * <p>After an attempt: 2xx is DELIVERED; 410 Gone is FAILED and deactivates the subscription (the receiver said it
 * wants no more); a target refused by the policy is FAILED at once (retrying will not make it allowed); anything else
 * (other 4xx included, which are often a receiver's passing misconfiguration, as Standard Webhooks counts every
 * non-2xx a failure) is tried again after an exponential back-off with jitter, until {@code max-attempts}.
 */
@Component
class DeliveryPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPoller.class);
    private static final double JITTER = 0.2;

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final SecretCipher cipher;
    private final WebhookClient client;
    private final WebhookProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String replica = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore freeSenders;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean running;

    DeliveryPoller(DeliveryRepository deliveries, SubscriptionRepository subscriptions, SecretCipher cipher,
            TargetPolicy targets, WebhookProperties properties, TransactionTemplate transaction, Clock clock,
            MeterRegistry meters) {
        Duration attempt = properties.connectTimeout().plus(properties.responseTimeout());
        if (properties.lease().compareTo(attempt.multipliedBy(2)) < 0) {
            throw new StartupRefusal("tsforge.webhooks.lease (" + properties.lease() + ") is shorter than twice an "
                    + "attempt's timeouts (" + attempt + "): another replica could take a delivery over while it is "
                    + "being sent, and send it twice.", "Raise tsforge.webhooks.lease or lower the timeouts.");
        }
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.cipher = cipher;
        this.client = new WebhookClient(targets, properties);
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
        this.meters = meters;
        this.freeSenders = new Semaphore(properties.senders());
        for (String outcome : List.of("delivered", "retried", "failed")) {
            outcomes(outcome);
        }
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> thread(runnable, "webhook-poller"));
        senders = Executors.newFixedThreadPool(properties.senders(), runnable -> thread(runnable, "webhook-sender"));
        running = true;
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        poller.shutdownNow();
        senders.shutdown();
        try {
            // an attempt cut short keeps its claim until the lease ends, then another replica sends it
            senders.awaitTermination(properties.connectTimeout().plus(properties.responseTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
        try {
            client.close();
        } catch (java.io.IOException e) {
            log.debug("Closing the webhook client: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A delivery was queued on this replica: look now rather than at the next interval. */
    void wake() {
        if (running) {
            try {
                poller.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shutting down: another replica, or the next start, sends it
            }
        }
    }

    private void poll() {
        try {
            Instant now = clock.instant();
            int free = freeSenders.availablePermits();
            if (free == 0) {
                return;
            }
            for (long id : deliveries.due(now, free)) {
                if (!freeSenders.tryAcquire()) {
                    return;
                }
                if (!deliveries.claim(id, replica, now, now.plus(properties.lease()))) {
                    freeSenders.release();
                    continue;
                }
                senders.execute(() -> {
                    try {
                        send(id);
                    } finally {
                        freeSenders.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            log.warn("Polling for webhook deliveries failed: {}", e.toString());
        }
    }

    private void send(long id) {
        DeliveryRepository.Claimed delivery = deliveries.claimed(id, replica).orElse(null);
        if (delivery == null) {
            return;
        }
        int attempt = delivery.attempts() + 1;
        Instant now = clock.instant();
        if (!delivery.active()) {
            finish(delivery, attempt, new WebhookClient.Attempt(null, "the subscription is inactive", false, 0),
                    "FAILED", now);
            return;
        }
        String webhookId = WebhookDelivery.webhookId(delivery.id());
        long timestamp = now.getEpochSecond();
        WebhookClient.Attempt result;
        try {
            byte[] secret = cipher.open(delivery.secret());
            result = client.post(URI.create(delivery.url()), Map.of(
                    Signatures.ID_HEADER, webhookId,
                    Signatures.TIMESTAMP_HEADER, Long.toString(timestamp),
                    Signatures.SIGNATURE_HEADER, Signatures.sign(secret, webhookId, timestamp, delivery.payload())),
                    delivery.payload());
        } catch (RuntimeException e) {
            // counted as an attempt, so that a delivery that cannot be sent (a changed secret-key) ends FAILED
            // instead of being claimed again at every lease's end
            log.warn("Webhook delivery {} could not be sent", delivery.id(), e);
            result = new WebhookClient.Attempt(null, e.getMessage(), false, 0);
        }
        Integer code = result.statusCode();
        String status;
        if (code != null && code >= 200 && code < 300) {
            status = "DELIVERED";
        } else if (code != null && code == 410) {
            status = "FAILED";
            subscriptions.deactivate(delivery.subscriptionId(), "the receiver answered 410 Gone at " + now);
        } else if (result.forbidden() || attempt >= properties.maxAttempts()) {
            status = "FAILED";
        } else {
            status = "PENDING";
        }
        finish(delivery, attempt, result, status, clock.instant());
    }

    private void finish(DeliveryRepository.Claimed delivery, int attempt, WebhookClient.Attempt result, String status,
            Instant now) {
        Instant next = status.equals("PENDING") ? now.plus(backOff(attempt)) : now;
        String error = result.error() != null ? result.error()
                : result.statusCode() != null && (result.statusCode() < 200 || result.statusCode() >= 300)
                        ? "HTTP " + result.statusCode() : null;
        Boolean held = transaction.execute(tx -> deliveries.finish(delivery.id(), replica, attempt, status,
                result.statusCode(), error, result.durationMillis(), now, next));
        if (!Boolean.TRUE.equals(held)) {
            if (deliveries.exists(delivery.id())) {
                log.warn("Webhook delivery {}: the claim expired during attempt {}; another replica may send it "
                        + "again", delivery.id(), attempt);
            } else {
                // deleting a subscription deletes its deliveries, one in flight included
                log.info("Webhook delivery {} was deleted with its subscription during attempt {}", delivery.id(),
                        attempt);
            }
            return;
        }
        outcomes(status.equals("DELIVERED") ? "delivered" : status.equals("PENDING") ? "retried" : "failed")
                .increment();
        if (!status.equals("DELIVERED")) {
            log.info("Webhook delivery {} ({}) attempt {} to subscription {}: {}; now {}", delivery.id(),
                    delivery.eventType(), attempt, delivery.subscriptionId(), error, status);
        }
    }

    /** The wait after failed attempt {@code attempt}: first × multiplier^(attempt−1), ±20 % so receivers see no herd. */
    Duration backOff(int attempt) {
        double base = properties.firstRetryDelay().toMillis() * Math.pow(properties.retryMultiplier(), attempt - 1);
        double jitter = 1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.round(base * jitter));
    }

    private Counter outcomes(String outcome) {
        return Counter.builder("tsforge.webhooks.deliveries")
                .description("Webhook delivery attempts by what came of them (retried: failed, tried again later)")
                .tag("outcome", outcome).register(meters);
    }

    private static Thread thread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
