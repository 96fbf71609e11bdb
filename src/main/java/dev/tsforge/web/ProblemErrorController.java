package dev.tsforge.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet error page: whatever reaches it (a {@code sendError} from Tomcat or a filter, an exception thrown
 * outside Spring MVC) is answered as problem details, in place of Boot's default JSON or HTML error page. Errors
 * inside Spring MVC never come here: {@link ProblemHandler} answers them.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        ProblemDetail problem = HttpProblems.of(status, HttpProblems.detail(status, path), path);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The error's status; a request for the error page itself, or an odd status, is a 404 / 500. */
    private static int status(Object attribute) {
        if (!(attribute instanceof Integer status)) {
            return 404;
        }
        return status >= 400 && status <= 599 ? status : 500;
    }
}
