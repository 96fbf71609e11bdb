package dev.tsforge.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an API key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. A request without one goes
 * on anonymous (the rules decide); a request with a wrong or revoked one is refused at once with 401, rather than
 * quietly treated as anonymous. With JWTs on, a bearer token shaped like a JWT is left to the resource server's filter
 * ({@link JwtBearer#looksLikeJwt}).
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;
    private final boolean jwtOn;

    ApiKeyFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint, boolean jwtOn) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        this.jwtOn = jwtOn;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = presented(request);
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Role> role = keys.roleOf(presented.get());
        if (role.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException(ProblemResponses.UNKNOWN_KEY));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken("api-key", null,
                List.of(new SimpleGrantedAuthority(role.get().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<String> presented(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return jwtOn && JwtBearer.looksLikeJwt(token) ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
