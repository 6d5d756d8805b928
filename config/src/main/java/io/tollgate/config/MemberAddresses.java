package io.tollgate.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a cluster member may listen on without the explicit {@code cluster.allow_public_interface}:
 * Hazelcast's open-source edition sends member traffic (budgets, keys' health, cached responses) unencrypted, so
 * the member port belongs on a private network. Stateless.
 */
final class MemberAddresses {

    /** The private ranges, as messages name them. */
    static final String PRIVATE_RANGES = "loopback, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, "
            + "link-local, or IPv6 fc00::/7";

    private MemberAddresses() {
    }

    /**
     * Why the member must not listen on this address, or empty when it is private: a wildcard (every interface)
     * or a public address is refused.
     */
    static Optional<String> refusal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("a wildcard address: the member would listen on every interface");
        }
        return isPrivate(address) ? Optional.empty() : Optional.of("not a private address");
    }

    /**
     * True for loopback, RFC 1918 site-local (10/8, 172.16/12, 192.168/16), carrier-grade NAT shared space
     * (100.64/10), link-local (169.254/16, fe80::/10), IPv6 unique local (fc00::/7) and the deprecated IPv6
     * site-local fec0::/10. An IPv4-mapped IPv6 address is parsed as the IPv4 address by the JDK.
     */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xFE) == 0xFC;
        }
        return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
    }
}
