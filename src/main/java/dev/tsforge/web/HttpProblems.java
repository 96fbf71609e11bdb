package dev.tsforge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for errors found outside Spring MVC (the servlet error page, Tomcat, filters), known by their
 * status only: the same shape and types as the API's own problems.
 */
public final class HttpProblems {

    private HttpProblems() {
    }

    /** A problem of {@code status}, typed by {@link ProblemType#forStatus}, about the request at {@code path}. */
    public static ProblemDetail of(int status, String detail, String path) {
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        URI instance = instance(path);
        if (instance != null) {
            problem.setInstance(instance);
        }
        return problem;
    }

    /**
     * Answers {@code request} with {@code refusal} from outside Spring MVC (a filter, a security handler), as the API's
     * problem handler would: its status, {@code application/problem+json}, and the request's URI as the instance
     * where it is one (a rejected request's may not parse). Headers (e.g. {@code Retry-After}) are the caller's.
     */
    public static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            ApiProblemException refusal) throws IOException {
        ProblemDetail problem = refusal.getBody();
        try {
            problem.setInstance(new URI(request.getRequestURI()));
        } catch (URISyntaxException e) {
            // left out: the URI is what was wrong
        }
        response.setStatus(refusal.getStatusCode().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** What a client is told for a status when nothing more precise is known; never internals. */
    public static String detail(int status, String path) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP, or its URL or headers are malformed; it was refused before "
                    + "reaching the API.";
            case 404 -> "Nothing is served at " + path + ".";
            // not the method's name: on the error page it may be the dispatch's, not the client's
            case 405 -> "This method is not allowed on " + path + ".";
            case 500 -> "The server failed to process the request; the error was logged.";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield (known == null ? "HTTP error " + status : known.getReasonPhrase()) + ".";
            }
        };
    }

    /** The path as a relative URI reference, or null when it is not one (the path may be what was refused). */
    private static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try {
            return new URI(null, null, path, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
