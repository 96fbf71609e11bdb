package dev.tsforge.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every error into RFC 9457 problem details with a stable {@code type}. Spring already renders its own
 * exceptions as {@link ProblemDetail}; this adds our types, field lists, and a last-resort 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Seconds a client is told to wait while the database cannot be reached: about one connection timeout. */
    static final int DATABASE_RETRY_SECONDS = 5;

    /**
     * The database cannot be reached (down, restarting, network cut): not the client's fault and not a bug, but a
     * state that passes. 503 with Retry-After, and readiness is DOWN meanwhile (its group includes {@code db}).
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
        log.warn("Database unavailable on {}: {}", request.getDescription(false), ex.getMessage());
        ApiProblemException problem = new ApiProblemException(ProblemType.DATABASE_UNAVAILABLE,
                "The database cannot be reached; nothing was changed. Retry in " + DATABASE_RETRY_SECONDS
                        + " seconds.", Map.of("retryAfterSeconds", DATABASE_RETRY_SECONDS));
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_SECONDS));
        return handleExceptionInternal(ex, problem.getBody(), problem.getHeaders(), problem.getStatusCode(), request);
    }

    private static ApiProblemException tooLarge(BodyTooLargeException ex) {
        return new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than "
                + ex.maxBytes() + " bytes; nothing was stored. Split it into smaller requests.",
                Map.of("maxBytes", ex.maxBytes()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                ApiProblemException problem = tooLarge(tooLarge);
                return handleExceptionInternal(ex, problem.getBody(), problem.getHeaders(), problem.getStatusCode(),
                        request);
            }
        }
        if (lostDatabaseConnection(ex)) {
            // e.g. a rollback that failed because the connection died under the transaction
            return databaseUnavailable(ex, request);
        }
        log.error("Unhandled error on {}", request.getDescription(false), ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(ProblemType.INTERNAL_ERROR.status(),
                "The server failed to process the request; the error was logged.");
        body.setType(ProblemType.INTERNAL_ERROR.uri());
        body.setTitle(ProblemType.INTERNAL_ERROR.title());
        return ResponseEntity.status(ProblemType.INTERNAL_ERROR.status()).body(body);
    }

    /** A connection-level failure anywhere in the causes: SQLState class 08 or a connection exception type. */
    private static boolean lostDatabaseConnection(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLRecoverableException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // a failed rollback hides what failed first: the statement whose connection was lost
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && lostDatabaseConnection(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ex.getBody();
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::fieldError)
                .toList();
        body.setProperty("errors", errors);
        body.setDetail(errors.isEmpty() ? "The request is invalid."
                : "Invalid value for " + errors.get(0).get("field") + ": " + errors.get(0).get("message")
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ex.getBody();
        List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.<String, Object>of(
                                "field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        body.setProperty("errors", errors);
        if (!errors.isEmpty()) {
            body.setDetail("Invalid value for " + errors.get(0).get("field") + ": " + errors.get(0).get("message"));
        }
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return handleExceptionInternal(ex, tooLarge(tooLarge).getBody(), headers,
                        ProblemType.PAYLOAD_TOO_LARGE.status(), request);
            }
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, ex.getCause() instanceof JacksonException jackson
                ? JsonErrors.describe(jackson)
                : ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                        ? "The request body is missing."
                        : "The request body could not be read.");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem && isBlank(problem)) {
            ProblemType type = typeFor(ex, status);
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    private static boolean isBlank(ProblemDetail problem) {
        return problem.getType() == null || "about:blank".equals(problem.getType().toString());
    }

    private static ProblemType typeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof MethodArgumentNotValidException) {
            return ProblemType.INVALID_FIELD;
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return ProblemType.MALFORMED_REQUEST;
        }
        return switch (status.value()) {
            case 400 -> ProblemType.INVALID_PARAMETER;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> ProblemType.INTERNAL_ERROR;
        };
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", String.valueOf(error.getDefaultMessage()),
                "rejectedValue", String.valueOf(error.getRejectedValue()));
    }

}
