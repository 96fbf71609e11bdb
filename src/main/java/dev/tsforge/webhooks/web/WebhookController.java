package dev.tsforge.webhooks.web;

import dev.tsforge.webhooks.WebhookDelivery;
import dev.tsforge.webhooks.WebhookSubscription;
import dev.tsforge.webhooks.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
// method names are the OpenAPI operationIds: unique, so that other controllers' ids do not shift
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed HTTP callbacks when jobs end or champions change (ADMIN only)")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Schema(description = "A new subscription")
    record NewWebhook(
            @Schema(description = "Where deliveries are POSTed; https (http only where tsforge.webhooks.allow-http), "
                    + "never an internal address unless tsforge.webhooks.allowed-targets lets it through",
                    example = "https://hooks.example.com/tsforge") String url,
            @Schema(description = "Event types: job.succeeded, job.failed, job.cancelled, model.champion-changed, "
                    + "series.drift-flagged, series.anomaly-found",
                    example = "[\"job.succeeded\", \"job.failed\"]") List<String> events,
            @Schema(description = "What it is for", example = "retrain dashboard") String description) {
    }

    @Schema(description = "A created subscription: `secret` (whsec_…) signs every delivery and is shown this once")
    record CreatedWebhook(long id, String url, List<String> events, String description, boolean active,
            Instant createdAt, String secret) {
    }

    @PostMapping
    @Operation(summary = "Subscribe a URL to events; the signing secret is in the response, once")
    @ApiResponse(responseCode = "201", description = "The subscription, with its secret")
    @ApiResponse(responseCode = "400", description = "Malformed URL, not https, a host that does not resolve, or "
            + "unknown events")
    @ApiResponse(responseCode = "422", description = "An internal target (webhook-target-forbidden)")
    @ApiResponse(responseCode = "503", description = "tsforge.webhooks.secret-key is not set "
            + "(webhooks-not-configured)")
    ResponseEntity<CreatedWebhook> createWebhook(@RequestBody NewWebhook request) {
        Webhooks.Created created = webhooks.create(request.url(), request.events(), request.description());
        WebhookSubscription hook = created.subscription();
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + hook.id()))
                .body(new CreatedWebhook(hook.id(), hook.url(), hook.events(), hook.description(), hook.active(),
                        hook.createdAt(), created.secret()));
    }

    @GetMapping
    @Operation(summary = "List subscriptions (never their secrets)")
    @ApiResponse(responseCode = "200", description = "Every subscription, inactive ones with deactivatedReason")
    List<WebhookSubscription> webhooks() {
        return webhooks.all();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One subscription")
    @ApiResponse(responseCode = "200", description = "The subscription")
    @ApiResponse(responseCode = "404", description = "Unknown subscription")
    WebhookSubscription webhook(@PathVariable long id) {
        return webhooks.get(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a subscription and its delivery log; deliveries not yet sent are dropped")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown subscription")
    ResponseEntity<Void> deleteWebhook(@PathVariable long id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/test")
    @Operation(summary = "Queue a ping delivery to the subscription, whatever its events")
    @ApiResponse(responseCode = "202", description = "The queued delivery; follow it in the delivery log")
    @ApiResponse(responseCode = "404", description = "Unknown subscription")
    ResponseEntity<WebhookDelivery> testWebhook(@PathVariable long id) {
        WebhookDelivery delivery = webhooks.test(id);
        return ResponseEntity.accepted().location(URI.create("/api/v1/webhooks/" + id + "/deliveries")).body(delivery);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The delivery log, newest first, each delivery with its attempts")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "404", description = "Unknown subscription")
    Webhooks.DeliveryPage webhookDeliveries(@PathVariable long id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return webhooks.deliveries(id, page, size);
    }
}
