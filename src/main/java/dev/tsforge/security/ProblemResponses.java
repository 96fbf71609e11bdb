package dev.tsforge.security;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.HttpProblems;
import dev.tsforge.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as problem details, like every other error of the API (and 503 when an identity provider cannot be
 * reached to check a JWT). API keys and JWTs fail with the same types, so a
 * client handles one 401 and one 403 whatever credential it sends; only {@code detail} says what was wrong.
 */
final class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    static final String UNKNOWN_KEY = "unknown or revoked API key";
    static final int IDENTITY_PROVIDER_RETRY_SECONDS = 5;

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthorized(JsonMapper json, boolean jwtOn) {
        String wanted = jwtOn ? "An API key or a JWT bearer token is required: send 'Authorization: Bearer <key or "
                + "token>' or '" + ApiKeyFilter.HEADER + ": <key>'"
                : "An API key is required: send it as 'Authorization: Bearer <key>' or '" + ApiKeyFilter.HEADER
                        + ": <key>'";
        return (request, response, exception) -> {
            String detail;
            if (exception instanceof AuthenticationServiceException unchecked) {
                // the identity provider's keys could not be fetched: the token may be fine, so not the client's
                // fault (401 would send it for a new token) but a state that passes, like a database outage
                log.warn("A JWT could not be checked: {}", unchecked.getMessage());
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(IDENTITY_PROVIDER_RETRY_SECONDS));
                write(json, request, response, ProblemType.IDENTITY_PROVIDER_UNAVAILABLE, "This bearer token could "
                        + "not be checked now (the identity provider's keys could not be fetched); retry in "
                        + IDENTITY_PROVIDER_RETRY_SECONDS + " seconds.");
                return;
            }
            if (exception instanceof OAuth2AuthenticationException refused) {
                // RFC 6750: a presented but unusable token says invalid_token, so clients know to get a new one
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                detail = "This bearer token was refused: " + reason(refused) + ".";
            } else {
                response.setHeader("WWW-Authenticate", "Bearer");
                detail = wanted + (UNKNOWN_KEY.equals(exception.getMessage()) ? "; this one is unknown or revoked."
                        : ".");
            }
            write(json, request, response, ProblemType.UNAUTHORIZED, detail);
        };
    }

    static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, exception) -> {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            String who = caller instanceof JwtAuthenticationToken token ? "This token's roles " + roles(token)
                    + " do" : "This API key's role does";
            write(json, request, response, ProblemType.FORBIDDEN, who + " not allow " + request.getMethod() + " "
                    + request.getRequestURI() + " (READ: list, get, forecast; WRITE: also ingest, train, backtest, "
                    + "delete; ADMIN: also API keys, model import, actuator).");
        };
    }

    /**
     * A URL the firewall ({@code StrictHttpFirewall}) refuses before any security rule runs, security on or off:
     * an encoded slash or percent, a {@code ;}, {@code //}, {@code ..} or a backslash in the path. Its message names
     * what it found and nothing internal.
     */
    static RequestRejectedHandler rejected(JsonMapper json) {
        return (request, response, exception) -> {
            log.debug("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), exception.getMessage());
            String reason = String.valueOf(exception.getMessage());
            write(json, request, response, ProblemType.REQUEST_REJECTED, reason.endsWith(".") ? reason : reason + ".");
        };
    }

    private static String reason(OAuth2AuthenticationException refused) {
        String reason = refused.getError().getDescription() != null ? refused.getError().getDescription()
                : String.valueOf(refused.getMessage());
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static String roles(JwtAuthenticationToken token) {
        // only our roles: Spring Security 7 also grants factor authorities (FACTOR_BEARER) that mean nothing here
        return token.getAuthorities().stream().map(authority -> authority.getAuthority())
                .filter(authority -> authority.startsWith("ROLE_")).map(role -> role.substring("ROLE_".length()))
                .toList().toString();
    }

    private static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            ProblemType type, String detail) throws IOException {
        HttpProblems.write(json, request, response, new ApiProblemException(type, detail));
    }
}
