package io.tollgate.node.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves every name under {@code .localhost} to 127.0.0.1 in the test JVM, as RFC 6761 (6.3) has resolvers do, so
 * virtual-host style object-store addresses ({@code bucket.localhost:port}) reach the local test double; every
 * other name goes to the JDK's own resolver. Registered in {@code META-INF/services}.
 */
public final class LoopbackNames extends InetAddressResolverProvider {

    private static final String SUFFIX = ".localhost";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.toLowerCase(Locale.ROOT).endsWith(SUFFIX)) {
                    return Stream.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "tollgate-test-loopback-names";
    }
}
