package dev.tsforge.webhooks;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

/**
 * Which URLs a webhook may call, so that a user with ADMIN over the API cannot make the service probe or call what
 * only it can reach (the cloud metadata address, the database, other pods). A target is refused when any address its
 * host resolves to is internal: Spring Security's {@code matchInternal} (loopback, link-local, private, unique-local,
 * unspecified, NAT64 of those) and the special-purpose ranges it leaves out (CGNAT, multicast, reserved, 6to4 and
 * Teredo, whose IPv4 inside may be anything). {@code tsforge.webhooks.allowed-targets} lets CIDRs or host names
 * through. The check runs when a subscription is created and again at every connection, on the very addresses the
 * connection uses ({@link WebhookClient}), so a DNS answer that changes in between cannot switch the target.
 */
class TargetPolicy {

    private static final List<String> ALSO_INTERNAL = List.of("0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24",
            "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/96", "ff00::/8", "2001::/32", "2002::/16");
    private static final Pattern IP_OR_CIDR = Pattern.compile("[0-9.]+(/\\d+)?|.*:.*");

    private final HostResolver resolver;
    private final boolean allowHttp;
    private final Set<String> allowedHosts;
    private final List<InetAddressMatcher> allowedRanges = new ArrayList<>();
    private final InetAddressMatcher internal;

    TargetPolicy(HostResolver resolver, WebhookProperties properties) {
        this.resolver = resolver;
        this.allowHttp = properties.allowHttp();
        this.allowedHosts = properties.allowedTargets().stream().map(String::trim)
                .filter(target -> !IP_OR_CIDR.matcher(target).matches())
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        properties.allowedTargets().stream().map(String::trim).filter(target -> IP_OR_CIDR.matcher(target).matches())
                .forEach(range -> allowedRanges.add(InetAddressMatchers.fromIpAddress(range)));
        InetAddressMatcher special = InetAddressMatchers.builder().includeAddresses(ALSO_INTERNAL).build();
        InetAddressMatcher privateRanges = InetAddressMatchers.matchInternal().build();
        this.internal = address -> privateRanges.matches(address) || special.matches(address);
    }

    /** A target refused: its host is, or resolves to, an address not allowed. */
    static final class ForbiddenTarget extends UnknownHostException {
        ForbiddenTarget(String message) {
            super(message);
        }
    }

    /**
     * A subscription's URL, checked as it is created.
     *
     * @throws ApiProblemException 400 for a malformed URL or one whose host does not resolve, 422
     *                             {@code webhook-target-forbidden} for an internal target
     */
    URI check(String url) {
        URI uri = parse(url);
        try {
            addresses(uri.getHost());
        } catch (ForbiddenTarget e) {
            throw new ApiProblemException(ProblemType.WEBHOOK_TARGET_FORBIDDEN, e.getMessage() + " Internal "
                    + "targets are refused unless tsforge.webhooks.allowed-targets lets them through.",
                    Map.of("url", url));
        } catch (UnknownHostException e) {
            throw ApiProblemException.invalidField("url", "host " + uri.getHost() + " does not resolve");
        }
        return uri;
    }

    /**
     * The addresses to connect to for {@code host}, every one allowed.
     *
     * @throws ForbiddenTarget      when one of them is not allowed (then none is used)
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] addresses(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(name);
        if (allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (internal.matches(address) && allowedRanges.stream().noneMatch(range -> range.matches(address))) {
                throw new ForbiddenTarget("The webhook target " + name
                        + (name.equals(address.getHostAddress()) ? "" : " resolves to " + address.getHostAddress()
                                + ", which") + " is an internal address.");
            }
        }
        return addresses;
    }

    private URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw ApiProblemException.invalidField("url", "an absolute https URL of at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiProblemException.invalidField("url", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw ApiProblemException.invalidField("url", allowHttp ? "must start with https:// or http://"
                    : "must start with https:// (http:// only where tsforge.webhooks.allow-http is true)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiProblemException.invalidField("url", "needs a host, and no user:password@ or #fragment");
        }
        return uri;
    }
}
