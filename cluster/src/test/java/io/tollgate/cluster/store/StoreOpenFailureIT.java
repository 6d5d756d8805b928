package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.Secret;
import io.tollgate.config.StoreConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StoreOpenFailureIT {

    private static final String PASSWORD = "hunter2-very-secret";

    @Test
    void shouldFailFastNamingTheUrlButNotThePassword() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test";
        StoreConfig config = new StoreConfig(Optional.of(url), Optional.of("postgres"),
                Optional.of(new Secret(PASSWORD)), Path.of("unused"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> StateStore.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the state store at " + url + ": ")
                .satisfies(e -> assertThat(messages(e)).doesNotContain(PASSWORD));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(10_000);
    }

    @Test
    void shouldMaskAPasswordWrittenIntoTheUrl() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test?user=postgres&password=" + PASSWORD
                + "&ssl=false";
        StoreConfig config = new StoreConfig(Optional.of(url), Optional.empty(), Optional.empty(),
                Path.of("unused"));

        assertThatThrownBy(() -> StateStore.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("/test?user=postgres&password=****&ssl=false")
                .satisfies(e -> assertThat(messages(e)).doesNotContain(PASSWORD));
    }

    @Test
    void shouldMaskPasswordParametersOfEitherDialect() {
        assertThat(StateStore.redact("jdbc:postgresql://h/db?password=abc&x=1")).isEqualTo(
                "jdbc:postgresql://h/db?password=****&x=1");
        assertThat(StateStore.redact("jdbc:h2:file:/d/t;PASSWORD=abc;WRITE_DELAY=0")).isEqualTo(
                "jdbc:h2:file:/d/t;PASSWORD=****;WRITE_DELAY=0");
        assertThat(StateStore.redact("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void shouldNameADataDirectoryItCannotCreate(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("occupied"), "not a directory");
        StoreConfig config = new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                file.resolve("data"));

        assertThatThrownBy(() -> StateStore.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create the data directory " + file.resolve("data"));
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Every message and string form along the cause chain, suppressed ones included. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                all.append(messages(suppressed));
            }
        }
        return all.toString();
    }
}
