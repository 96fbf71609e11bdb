package dev.tsforge.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable {@code type} of every problem the API answers with. Clients may switch on these URIs; they never
 * change meaning. The README lists them.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    /** Refused before the API saw it: a URL the firewall distrusts (encoded slash, {@code ;}, {@code //}, ...). */
    REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST, "Request rejected"),
    INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field"),
    INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),
    INVALID_CSV("invalid-csv", HttpStatus.BAD_REQUEST, "Invalid CSV"),
    INVALID_POINTS("invalid-points", HttpStatus.BAD_REQUEST, "Invalid points"),
    TOO_MANY_POINTS("too-many-points", HttpStatus.CONTENT_TOO_LARGE, "Too many points"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    NAME_TAKEN("name-taken", HttpStatus.CONFLICT, "Name already taken"),
    TRAINING_IN_PROGRESS("training-in-progress", HttpStatus.CONFLICT, "Training in progress"),
    NO_MODEL("no-model", HttpStatus.CONFLICT, "No model to forecast with"),
    ILLEGAL_STATE("illegal-state", HttpStatus.CONFLICT, "Illegal state change"),
    CONCURRENT_WRITE("concurrent-write", HttpStatus.CONFLICT, "Concurrent write"),
    GRID_FIXED("grid-fixed", HttpStatus.CONFLICT, "Grid fixed once points exist"),
    /**
     * The model is registered but its stored artifact is missing or corrupt: retrain or delete it. 409, as the model's
     * state and not the request is wrong, and asking again will not help.
     */
    MODEL_UNAVAILABLE("model-unavailable", HttpStatus.CONFLICT, "Model artifact unavailable"),
    INVALID_ARTIFACT("invalid-artifact", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid model file"),
    SERIES_TOO_SHORT("series-too-short", HttpStatus.UNPROCESSABLE_CONTENT, "Series too short"),
    SERIES_HAS_GAPS("series-has-gaps", HttpStatus.UNPROCESSABLE_CONTENT, "Series has gaps"),
    NO_MEMBERS("no-members", HttpStatus.UNPROCESSABLE_CONTENT, "No members to train on"),
    GAP_IN_WINDOW("gap-in-window", HttpStatus.UNPROCESSABLE_CONTENT, "Gap in input window"),
    /** A collection run's selection (the collection, its labels) holds no member. */
    EMPTY_SELECTION("empty-selection", HttpStatus.UNPROCESSABLE_CONTENT, "Nothing selected"),
    /** A webhook URL whose host is, or resolves to, a loopback, private, link-local or other internal address. */
    WEBHOOK_TARGET_FORBIDDEN("webhook-target-forbidden", HttpStatus.UNPROCESSABLE_CONTENT, "Webhook target forbidden"),
    /** The model named cannot serve this request: not a registered model's id, or trained on another grid. */
    MODEL_NOT_USABLE("model-not-usable", HttpStatus.UNPROCESSABLE_CONTENT, "Model not usable"),
    /** A pandas frequency alias (TimeGPT-shaped requests) that maps onto no grid of the service. */
    UNSUPPORTED_FREQUENCY("unsupported-frequency", HttpStatus.UNPROCESSABLE_CONTENT, "Unsupported frequency"),
    /** Covariate values a model reads (training range, window or horizon) that are neither stored nor sent. */
    MISSING_COVARIATES("missing-covariates", HttpStatus.UNPROCESSABLE_CONTENT, "Missing covariate values"),
    QUEUE_FULL("queue-full", HttpStatus.SERVICE_UNAVAILABLE, "Training queue full"),
    /** Forecast requests waited longer than {@code tsforge.forecasting.queue-timeout} for their turn. */
    FORECASTS_BUSY("forecasts-busy", HttpStatus.SERVICE_UNAVAILABLE, "Forecasts busy"),
    DATABASE_UNAVAILABLE("database-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable"),
    IDENTITY_PROVIDER_UNAVAILABLE("identity-provider-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "Identity provider unavailable"),
    /** No {@code tsforge.webhooks.secret-key} is set, so no signing secret can be stored: an operator must set it. */
    WEBHOOKS_NOT_CONFIGURED("webhooks-not-configured", HttpStatus.SERVICE_UNAVAILABLE, "Webhooks not configured"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    /**
     * An error status the HTTP server answered for which no type above fits (e.g. 505 for an unknown HTTP version);
     * the body's {@code status} is the response's.
     */
    HTTP_ERROR("http-error", HttpStatus.BAD_REQUEST, "HTTP error");

    private static final String PREFIX = "urn:tsforge:problem:";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(PREFIX + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The type of an error known only by its status, as the HTTP layer reports it (Tomcat, the error page): the
     * status's own type where one exists, else {@link #HTTP_ERROR}.
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 500 -> INTERNAL_ERROR;
            default -> HTTP_ERROR;
        };
    }
}
