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
 * quietly treated as anonymous.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
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
            entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
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

    private static Optional<String> presented(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.empty();
    }
}
