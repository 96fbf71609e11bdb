package dev.tsforge.security;

import dev.tsforge.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem details, like every other error of the API. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(JsonMapper json) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(json, request, response, ProblemType.UNAUTHORIZED, "An API key is required: send it as "
                    + "'Authorization: Bearer <key>' or '" + ApiKeyFilter.HEADER + ": <key>'"
                    + ("unknown or revoked API key".equals(exception.getMessage()) ? "; this one is unknown or revoked."
                            : "."));
        };
    }

    static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, exception) -> write(json, request, response, ProblemType.FORBIDDEN,
                "This API key's role does not allow " + request.getMethod() + " " + request.getRequestURI()
                        + " (READ: list, get, forecast; WRITE: also ingest, train, backtest, delete; ADMIN: also API"
                        + " keys, model import, actuator).");
    }

    private static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            ProblemType type, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
