package io.tollgate.cluster.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The member listens on its configured address only. On Linux the whole of 127.0.0.0/8 reaches the loopback
 * interface, so a member bound to 127.0.0.1 alone refuses a connection to 127.0.0.2, while one bound to every
 * interface (Hazelcast's default, kept only for a wildcard host) accepts it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GridBindIT {

    @Test
    void shouldListenOnTheConfiguredAddressOnly() throws IOException {
        try (Grid grid = Grid.start(GridSettings.local("bind-" + UUID.randomUUID()), Map.of())) {
            int port = grid.instance().getCluster().getLocalMember().getAddress().getPort();
            assertThat(grid.instance().getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
            connect("127.0.0.1", port);
            assertThatThrownBy(() -> connect("127.0.0.2", port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void shouldListenOnEveryInterfaceForAWildcardHost() throws IOException {
        GridSettings wildcard = new GridSettings("bind-" + UUID.randomUUID(), "0.0.0.0", 0, List.of("127.0.0.1"));
        assertThat(wildcard.wildcardHost()).isTrue();
        try (Grid grid = Grid.start(wildcard, Map.of())) {
            int port = grid.instance().getCluster().getLocalMember().getAddress().getPort();
            connect("127.0.0.2", port);
        }
    }

    @Test
    void shouldTellWildcardHostsFromOthersWithoutLookingNamesUp() {
        for (String wildcard : List.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]")) {
            assertThat(new GridSettings("c", wildcard, 0, List.of()).wildcardHost()).as(wildcard).isTrue();
        }
        for (String other : List.of("127.0.0.1", "10.0.0.7", "::1", "fd00::1", "node-1.internal")) {
            assertThat(new GridSettings("c", other, 0, List.of()).wildcardHost()).as(other).isFalse();
        }
    }

    private static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        }
    }
}
