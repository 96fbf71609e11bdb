package dev.tsforge.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a webhook target's host into addresses: the system's resolver in the service; tests substitute their own,
 * to have a name resolve to a private address (or change its answer between the check and the send).
 */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
