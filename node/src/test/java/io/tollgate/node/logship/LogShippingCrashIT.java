package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeProcess;
import io.tollgate.node.testing.PostgresSchema;
import io.tollgate.node.testing.S3Double;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptance test of log shipping: a node process ships its PostgreSQL request log to the local S3 double with
 * credentials from the standard AWS variables; the double stores the third upload and holds its answer, the node is
 * killed with SIGKILL while it waits (the object landed, the range is not committed), then started again on the same
 * database: it writes that range again under the same key with the same bytes and goes on, and every row of the run
 * is in the bucket exactly once.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LogShippingCrashIT {

    static final int REQUESTS = 200;
    static final String KEY_ID = "AKIATOLLGATECRASH";
    static final String SECRET = "tollgate-crash-secret-0123456789";

    @Test
    void shouldLandEveryRowOnceWhenANodeIsKilledMidExportAndRestarted() throws Exception {
        try (S3Double s3 = S3Double.start(KEY_ID, SECRET, "eu-central-1", "logs");
                PostgresSchema schema = PostgresSchema.create("tg_ship_")) {
            s3.holdPutsAfter(2);
            int port = NodeProcess.freePort();
            String yaml = """
                    server: { host: 127.0.0.1, port: %d }
                    providers:
                      mock: { type: mock }
                    governance: { enforce: false }
                    %s
                    log_export:
                      endpoint: "%s"
                      bucket: logs
                      prefix: crash
                      path_style: true
                      interval_ms: 1000
                      batch_rows: 25
                      settle_ms: 1000
                      timeout_ms: 120000
                    """.formatted(port, schema.storeYaml(), s3.endpoint());
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                    "AWS_REGION", "eu-central-1");
            Path dir = Files.createTempDirectory("tollgate-ship-crash-");
            try (NodeProcess node = NodeProcess.launch(dir, "shipper", yaml, port, env)) {
                node.awaitReady();
                try (HttpClient http = HttpClient.newHttpClient()) {
                    HttpRequest chat = HttpRequest.newBuilder(URI.create(node.url() + "/v1/chat/completions"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(NodeClient.CHAT)).build();
                    for (int i = 0; i < REQUESTS; i++) {
                        assertThat(http.send(chat, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                    }
                }
                Await.until("every request logged", Duration.ofSeconds(60),
                        () -> count(schema, "SELECT COUNT(*) FROM request_log") == REQUESTS);
                Await.until("the third upload held", Duration.ofSeconds(60), () -> s3.held() == 1);
                assertThat(s3.puts()).hasSize(3);
                assertThat(count(schema, "SELECT COUNT(*) FROM log_export WHERE pending_stored_at IS NOT NULL"))
                        .as("a range planned and not committed").isEqualTo(1);

                node.kill();
                s3.release();
                S3Double.Put landedBeforeTheCrash = s3.puts().getLast();
                node.restart();

                Await.until("every row exported", Duration.ofSeconds(90), () -> count(schema,
                        "SELECT exported_rows FROM log_export WHERE pending_stored_at IS NULL") == REQUESTS);
                assertThat(s3.puts().stream().filter(put -> put.key().equals(landedBeforeTheCrash.key())).toList())
                        .as("the range in flight written again, same key, same bytes")
                        .containsExactly(landedBeforeTheCrash, landedBeforeTheCrash);
            }
            Shipped shipped = Shipped.of(s3.objects("logs"));
            assertThat(shipped.requestIds()).hasSize(REQUESTS).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(requestIds(schema));
            assertThat(count(schema, "SELECT exported_objects FROM log_export")).isEqualTo(shipped.objects());
            assertThat(s3.puts().stream().map(S3Double.Put::key).collect(Collectors.toSet()))
                    .hasSize(shipped.objects());
            assertThat(s3.refusals()).isEmpty();
        }
    }

    private static long count(PostgresSchema schema, String sql) {
        try (Connection connection = schema.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static List<String> requestIds(PostgresSchema schema) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = schema.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT request_id FROM request_log")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
