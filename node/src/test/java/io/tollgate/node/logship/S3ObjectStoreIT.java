package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.LogExportConfig;
import io.tollgate.config.Secret;
import io.tollgate.node.testing.S3Double;
import io.tollgate.node.testing.S3TestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Uploads to the local S3 double, path style and virtual-host style, signed, and read back over the S3 API. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class S3ObjectStoreIT {

    static final String KEY_ID = "AKIATOLLGATETEST";
    static final String SECRET = "tollgate-test-secret-0123456789";

    private final S3Double s3 = S3Double.start(KEY_ID, SECRET, "us-east-1", "logs");

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void shouldPutPathStyleAndVirtualHostStyleAndReadBackTheSameBytes() {
        byte[] first = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        try (S3ObjectStore path = S3ObjectStore.create(config(s3.endpoint(), true, SECRET), Clock.systemUTC());
                S3ObjectStore virtual = S3ObjectStore.create(config(s3.virtualHostEndpoint(), false, SECRET),
                        Clock.systemUTC())) {
            path.put("gw/dt=2026-11-30/one.jsonl.gz", first, LogObject.CONTENT_TYPE);
            virtual.put("gw/dt=2026-11-30/odd key+$é.jsonl.gz", second, LogObject.CONTENT_TYPE);
        }

        assertThat(s3.puts()).containsExactly(
                new S3Double.Put("logs", "gw/dt=2026-11-30/one.jsonl.gz", false, md5(first)),
                new S3Double.Put("logs", "gw/dt=2026-11-30/odd key+$é.jsonl.gz", true, md5(second)));
        S3TestClient reader = S3TestClient.create(s3.endpoint(), "logs", KEY_ID, SECRET, "us-east-1");
        assertThat(reader.list("gw/dt=2026-11-30/", 1)).containsExactly("gw/dt=2026-11-30/odd key+$é.jsonl.gz",
                "gw/dt=2026-11-30/one.jsonl.gz");
        assertThat(reader.list("other/", 10)).isEmpty();
        assertThat(reader.get("gw/dt=2026-11-30/one.jsonl.gz")).isEqualTo(first);
        assertThat(reader.get("gw/dt=2026-11-30/odd key+$é.jsonl.gz")).isEqualTo(second);
        assertThat(s3.refusals()).isEmpty();
    }

    @Test
    void shouldReportWhatTheStoreRefusedWithItsErrorCode() {
        try (S3ObjectStore wrongSecret = S3ObjectStore.create(config(s3.endpoint(), true, "not-the-secret-000"),
                Clock.systemUTC());
                S3ObjectStore noBucket = S3ObjectStore.create(new LogExportConfig(s3.endpoint(), "missing", "gw",
                        "us-east-1", true, 60_000, 100, 60_000, 5_000, false, KEY_ID, new Secret(SECRET),
                        Optional.empty()), Clock.systemUTC())) {
            assertThatThrownBy(() -> wrongSecret.put("k", new byte[] {1}, LogObject.CONTENT_TYPE))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageStartingWith("uploading s3://logs/k to " + s3.endpoint() + " failed: HTTP 403"
                            + " SignatureDoesNotMatch: The request signature we calculated does not match");
            assertThatThrownBy(() -> noBucket.put("k", new byte[] {1}, LogObject.CONTENT_TYPE))
                    .hasMessage("uploading s3://missing/k to " + s3.endpoint() + " failed: HTTP 404 NoSuchBucket:"
                            + " The specified bucket does not exist");
        }
        assertThat(s3.objects("logs")).isEmpty();
    }

    static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static LogExportConfig config(URI endpoint, boolean pathStyle, String secret) {
        return new LogExportConfig(endpoint, "logs", "gw", "us-east-1", pathStyle, 60_000, 100, 60_000, 5_000, false,
                KEY_ID, new Secret(secret), Optional.empty());
    }
}
