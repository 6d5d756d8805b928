package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Json;
import io.tollgate.cluster.log.ExportState;
import io.tollgate.cluster.log.LogQuery;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.config.LogExportConfig;
import io.tollgate.node.admin.LogJson;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.S3Double;
import io.tollgate.node.testing.S3TestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node in this JVM ships its request log to the local S3 double, virtual-host style, while the double refuses the
 * first uploads: every row lands exactly once, in the API's JSON, under its UTC day, readable over the S3 API.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogShippingIT {

    static final int REQUESTS = 150;
    static final String KEY_ID = "AKIATOLLGATESHIP";
    static final String SECRET = "tollgate-ship-secret-0123456789";

    @Test
    void shouldShipEveryRowExactlyOnceThroughRefusedUploads() {
        try (S3Double s3 = S3Double.start(KEY_ID, SECRET, "eu-west-3", "logs");
                NodeHarness node = NodeHarness.start("""
                        server: { host: 127.0.0.1, port: 0 }
                        providers:
                          mock: { type: mock }
                        log_export:
                          endpoint: "%s"
                          bucket: logs
                          prefix: gw/test
                          region: eu-west-3
                          interval_ms: 1000
                          batch_rows: 40
                          settle_ms: 1000
                          timeout_ms: 5000
                          access_key_id: %s
                          secret_access_key: "${SHIP_SECRET}"
                        """.formatted(s3.virtualHostEndpoint(), KEY_ID), Map.of("SHIP_SECRET", SECRET))) {
            s3.failNextPuts(2, 503);
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(node.post("/v1/chat/completions", NodeClient.CHAT).statusCode()).isEqualTo(200);
            }
            node.node().cluster().requestLog().flush();
            Map<String, LogRecord> logged = new LinkedHashMap<>();
            node.node().cluster().requestLog().export(LogQuery.builder().build(),
                    row -> logged.put(row.requestId(), row));
            assertThat(logged).hasSize(REQUESTS);
            LogExportConfig config = node.node().config().logExport().orElseThrow();

            Await.until("every row exported", Duration.ofSeconds(60), () -> exported(node, config) == REQUESTS);

            Shipped shipped = Shipped.of(s3.objects("logs"));
            assertThat(shipped.requestIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    logged.keySet());
            for (int i = 0; i < shipped.lines().size(); i++) {
                LogRecord row = logged.get(shipped.rows().get(i).path("request_id").asText());
                assertThat(shipped.lines().get(i)).isEqualTo(new String(Json.bytes(LogJson.json(row, false)),
                        StandardCharsets.UTF_8));
            }
            assertThat(shipped.objects()).isGreaterThanOrEqualTo(REQUESTS / 40 + 1);
            assertThat(s3.puts()).allSatisfy(put -> {
                assertThat(put.virtualHost()).isTrue();
                assertThat(put.key()).matches("gw/test/dt=\\d{4}-\\d{2}-\\d{2}/\\d{8}T\\d{6}\\.\\d{6}Z-[0-9a-f]{16}"
                        + "\\.jsonl\\.gz");
            });
            assertThat(s3.refusals()).extracting(p -> p.code()).containsExactly("SlowDown", "SlowDown");
            assertThat(node.node().cluster().logExport(config.sink()).state().exportedObjects())
                    .isEqualTo(shipped.objects());

            S3TestClient reader = S3TestClient.create(s3.endpoint(), "logs", KEY_ID, SECRET, "eu-west-3");
            List<String> keys = reader.list("gw/test/", 2);
            Map<String, byte[]> read = new HashMap<>();
            keys.forEach(key -> read.put(key, reader.get(key)));
            assertThat(keys).containsExactlyElementsOf(s3.objects("logs").keySet());
            assertThat(Shipped.of(read).requestIds()).containsExactlyInAnyOrderElementsOf(shipped.requestIds());
        }
    }

    private static long exported(NodeHarness node, LogExportConfig config) {
        ExportState state = node.node().cluster().logExport(config.sink()).state();
        return state.exportedRows();
    }
}
