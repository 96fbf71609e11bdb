package dev.tsforge.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token's roles, read from the configured claims and mapped to the same {@link Role}s as API keys, so that one set of
 * rules serves both. Values that name no role are ignored: a token may carry scopes meant for other services. A token
 * with none of ours is still authenticated, and gets 403 rather than 401: it is valid, only not for this.
 */
final class JwtRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final List<String> claims;
    private final SecurityProperties.RoleValues values;

    JwtRoles(SecurityProperties.Jwt settings) {
        this.claims = List.copyOf(settings.roleClaims());
        this.values = settings.roleValues();
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String claim : claims) {
            for (String value : values(jwt.getClaims(), claim)) {
                if (values.read().contains(value)) {
                    roles.add(Role.READ);
                }
                if (values.write().contains(value)) {
                    roles.add(Role.WRITE);
                }
                if (values.admin().contains(value)) {
                    roles.add(Role.ADMIN);
                }
            }
        }
        return roles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }

    /**
     * The values of one claim. A name is first taken whole, since namespaced claims contain dots
     * ({@code https://example.com/roles}); only when no such claim exists is it read as a path into nested objects.
     */
    static List<String> values(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null && name.contains(".")) {
            int dot = name.indexOf('.');
            if (claims.get(name.substring(0, dot)) instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) nested;
                return values(inner, name.substring(dot + 1));
            }
        }
        List<String> found = new ArrayList<>();
        if (value instanceof String text) {
            // OAuth 2's scope is one space-separated string
            for (String part : text.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    found.add(part);
                }
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> found.add(String.valueOf(item)));
        }
        return found;
    }
}
