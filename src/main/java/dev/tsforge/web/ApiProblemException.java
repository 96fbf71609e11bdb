package dev.tsforge.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A client-visible failure with a stable {@link ProblemType}. Spring renders it as
 * {@code application/problem+json}; extra properties (e.g. the failing CSV line) go into the body.
 */
public class ApiProblemException extends ErrorResponseException {

    private final ProblemType problemType;

    public ApiProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiProblemException(ProblemType type, String detail, Map<String, ?> properties) {
        super(type.status(), problemDetail(type, detail, properties), null);
        this.problemType = type;
    }

    public ProblemType problemType() {
        return problemType;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problemDetail(ProblemType type, String detail, Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** 400 for one field, in the same shape as bean-validation errors: {@code errors: [{field, message}]}. */
    public static ApiProblemException invalidField(String field, String message) {
        return new ApiProblemException(ProblemType.INVALID_FIELD, "Invalid value for " + field + ": " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    public static ApiProblemException notFound(String what, Object id) {
        return new ApiProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist",
                Map.of("resource", what, "id", String.valueOf(id)));
    }
}
