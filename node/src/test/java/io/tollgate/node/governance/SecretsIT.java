package io.tollgate.node.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.AdminClient;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.DatabaseCells;
import io.tollgate.node.testing.DatabaseCells.Cell;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.PostgresSchema;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual key values are shown once, in the answer that made them (create, rotate), and nowhere after: not in any
 * later API response (body or header), not in any log record (FINE included), not in any cell of the database,
 * where the value's SHA-256 is stored instead. The admin token and values presented but unknown are never logged
 * either. One scenario runs first (keys seeded and created, rotated, used for 200, 402, 429 and 401 answers on both
 * dialects and a stream, listed, read, updated, asked for their quota), on a PostgreSQL store read while the node
 * runs and again after it stopped; each test then checks one place.
 */
@Timeout(120)
class SecretsIT {

    private static final String ADMIN_TOKEN = "secrets-admin-token-6fT2qLw9ZpXk";
    private static final String WRONG_ADMIN_TOKEN = "wrong-admin-token-Hc7nVb3Mq8Rd";
    private static final String SEEDED = "tg-secSeeded0123456789ABCDEFGHIJKLMNOPQRSTUVW";
    private static final String UNKNOWN = "tg-secUnknown0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static final String ANTHROPIC_CHAT = GovernanceIT.ANTHROPIC_CHAT;

    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-11-25T10:00:00Z"));
    private static final List<HttpResponse<String>> CREATING = new CopyOnWriteArrayList<>();
    private static final List<HttpResponse<String>> LATER = new CopyOnWriteArrayList<>();
    private static PostgresSchema schema;
    private static CapturedLogs logs;
    private static NodeHarness node;
    private static String limitedValue;
    private static String oldValue;
    private static String rotatedValue;
    private static List<Cell> cellsWhileRunning;
    private static List<Cell> cellsAfterStop;
    private static List<String> logLines;

    @BeforeAll
    static void runScenario() throws SQLException {
        schema = PostgresSchema.create("tg_sec_");
        // io.tollgate.requests has a level of its own in logging.properties (INFO): lower it too
        logs = CapturedLogs.install("io.tollgate", "io.tollgate.requests");
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  virtual_keys:
                    - { name: seeded, value: %s, budgets: [ { max_limit: 0.05, reset_duration: 1d } ] }
                %s
                """.formatted(ADMIN_TOKEN, SEEDED, schema.storeYaml()), Map.of(), CLOCK);
        AdminClient admin = AdminClient.of(node, ADMIN_TOKEN, LATER::add);

        JsonNode limited = created(node.send("POST", "/api/governance/virtual-keys", """
                {"name":"limited","rate_limit":{"request_max_limit":1,"request_reset_duration":"1h"}}""",
                "authorization", "Bearer " + ADMIN_TOKEN), 201);
        limitedValue = limited.path("value").asText();
        JsonNode rotating = created(node.send("POST", "/api/governance/virtual-keys", "{\"name\":\"rotating\"}",
                "authorization", "Bearer " + ADMIN_TOKEN), 201);
        oldValue = rotating.path("value").asText();
        rotatedValue = created(node.send("POST", "/api/governance/virtual-keys/" + rotating.path("id").asText()
                + "/rotate", "", "authorization", "Bearer " + ADMIN_TOKEN), 200).path("value").asText();

        expect(chat(SEEDED), 200);
        expect(chat(SEEDED), 402);
        expect(node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key", SEEDED), 402);
        expect(chat(limitedValue), 200);
        expect(chat(limitedValue), 429);
        expect(chat(rotatedValue), 200);
        expect(node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key", rotatedValue), 200);
        expect(node.post("/v1/chat/completions", GovernanceIT.CHAT.replace("\"max_tokens\":4",
                "\"max_tokens\":4,\"stream\":true"), "x-tollgate-vk", rotatedValue), 200);
        expect(chat(oldValue), 401);
        expect(chat(UNKNOWN), 401);
        expect(node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key", UNKNOWN), 401);

        for (JsonNode key : admin.get("/virtual-keys").path("virtual_keys")) {
            admin.get("/virtual-keys/" + key.path("id").asText());
        }
        admin.put("/virtual-keys/" + rotating.path("id").asText(), "{\"is_active\":true,\"description\":\"x\"}");
        admin.post("/virtual-keys", "{\"name\":\"rotating\"}", 409);
        admin.post("/virtual-keys", "{\"name\":\"bad\",\"value\":\"" + UNKNOWN + "\"}", 400);
        admin.get("/budgets");
        admin.get("/rate-limits");
        admin.get("/customers");
        admin.get("/teams");
        for (String value : List.of(SEEDED, limitedValue, rotatedValue)) {
            expect(node.get("/api/governance/virtual-keys/quota", "authorization", "Bearer " + value), 200);
        }
        expect(node.get("/api/governance/virtual-keys/quota", "authorization", "Bearer " + oldValue), 401);
        expect(node.get("/api/governance/virtual-keys/quota", "x-api-key", UNKNOWN), 401);
        expect(node.get("/api/governance/virtual-keys", "authorization", "Bearer " + WRONG_ADMIN_TOKEN), 401);
        expect(node.get("/api/governance/virtual-keys", "authorization", "Bearer " + SEEDED), 401);

        try (Connection connection = schema.connect()) {
            cellsWhileRunning = DatabaseCells.read(connection, schema.name());
        }
        node.close();
        node = null;
        try (Connection connection = schema.connect()) {
            cellsAfterStop = DatabaseCells.read(connection, schema.name());
        }
        logLines = logs.lines();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void shouldShowEachValueOnceInTheAnswerThatMadeIt() {
        assertThat(List.of(limitedValue, oldValue, rotatedValue)).allMatch(value -> value.matches("tg-[0-9A-Za-z]{43}"))
                .doesNotHaveDuplicates();
        assertThat(CREATING).hasSize(3);
        List<String> made = List.of(limitedValue, oldValue, rotatedValue);
        for (int i = 0; i < CREATING.size(); i++) {
            String shown = everything(CREATING.get(i));
            assertThat(shown).contains(made.get(i));
            for (String other : secrets()) {
                if (!other.equals(made.get(i))) {
                    assertThat(shown).as("answer %d", i).doesNotContain(other);
                }
            }
        }
    }

    @Test
    void shouldNeverShowAValueOrItsHashInALaterResponse() {
        assertThat(LATER).as("responses checked").hasSizeGreaterThan(25);
        for (HttpResponse<String> response : LATER) {
            String shown = everything(response);
            for (String secret : secrets()) {
                assertThat(shown).as(response.uri().toString()).doesNotContain(secret).doesNotContain(body(secret));
            }
            for (String value : List.of(SEEDED, limitedValue, oldValue, rotatedValue)) {
                assertThat(shown).as(response.uri().toString()).doesNotContain(sha256(value));
            }
        }
    }

    @Test
    void shouldNeverLogAValueOrTheAdminToken() {
        assertThat(logLines).as("the capture saw the requests at FINE")
                .anyMatch(line -> line.startsWith("io.tollgate.requests FINE"))
                .anyMatch(line -> line.contains("429"))
                .anyMatch(line -> line.contains("402"));
        for (String line : logLines) {
            for (String secret : secrets()) {
                assertThat(line).doesNotContain(secret).doesNotContain(body(secret));
            }
        }
    }

    @Test
    void shouldKeepOnlyHashesInTheDatabase() {
        for (List<Cell> cells : List.of(cellsWhileRunning, cellsAfterStop)) {
            assertThat(cells).extracting(Cell::table).contains("tollgate_state", "tollgate_schema_version");
            String all = String.join("\n", cells.stream().map(Cell::value).toList());
            for (String secret : secrets()) {
                assertThat(all).doesNotContain(secret).doesNotContain(body(secret));
            }
            for (String value : List.of(SEEDED, limitedValue, rotatedValue)) {
                assertThat(cells).as("the hash of a key in use is stored")
                        .anyMatch(cell -> cell.column().equals("entry_value") && cell.value().contains(sha256(value)));
            }
            assertThat(all).as("the rotated-away value's hash is gone").doesNotContain(sha256(oldValue));
        }
    }

    /** Everything that must not be shown after creation: every key value, unknown ones, the admin tokens. */
    private static List<String> secrets() {
        return List.of(SEEDED, UNKNOWN, limitedValue, oldValue, rotatedValue, ADMIN_TOKEN, WRONG_ADMIN_TOKEN);
    }

    /** A value without its {@code tg-} prefix, in case something stored or logged only that. */
    private static String body(String secret) {
        return secret.startsWith("tg-") ? secret.substring(3) : secret;
    }

    private static String everything(HttpResponse<String> response) {
        return response.headers().map() + "\n" + response.body();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode created(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        CREATING.add(response);
        return NodeHarness.json(response).path("virtual_key");
    }

    private static void expect(HttpResponse<String> response, int status) {
        LATER.add(response);
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
    }

    private static HttpResponse<String> chat(String key) {
        return node.post("/v1/chat/completions", GovernanceIT.CHAT, "authorization", "Bearer " + key);
    }
}
