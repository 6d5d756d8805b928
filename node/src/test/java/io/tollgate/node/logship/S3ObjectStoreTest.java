package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.config.LogExportConfig;
import io.tollgate.config.Secret;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3ObjectStoreTest {

    @Test
    void shouldAddressTheBucketPathStyleOrVirtualHostStyle() {
        String key = "gw/dt=2026-11-30/20261130T120501.123456Z-3f2a9c1e0b7d4a56.jsonl.gz";
        try (S3ObjectStore path = S3ObjectStore.create(config("http://127.0.0.1:9000", true), Clock.systemUTC());
                S3ObjectStore virtual = S3ObjectStore.create(config("https://s3.eu-west-3.amazonaws.com", false),
                        Clock.systemUTC())) {
            assertThat(path.objectUri(key)).isEqualTo(URI.create(
                    "http://127.0.0.1:9000/logs/gw/dt%3D2026-11-30/20261130T120501.123456Z-3f2a9c1e0b7d4a56.jsonl.gz"));
            assertThat(virtual.objectUri(key)).isEqualTo(URI.create("https://logs.s3.eu-west-3.amazonaws.com/gw/"
                    + "dt%3D2026-11-30/20261130T120501.123456Z-3f2a9c1e0b7d4a56.jsonl.gz"));
        }
    }

    @Test
    void shouldEncodeKeysOnceAsS3Signs() {
        assertThat(S3ObjectStore.encodeKey("a b/c+d$é~_.-")).isEqualTo("a%20b/c%2Bd%24%C3%A9~_.-");
    }

    static LogExportConfig config(String endpoint, boolean pathStyle) {
        return new LogExportConfig(URI.create(endpoint), "logs", "gw", "eu-west-3", pathStyle, 60_000, 100, 60_000,
                30_000, false, "AKIDEXAMPLE", new Secret("secret-0123456789"), Optional.empty());
    }
}
