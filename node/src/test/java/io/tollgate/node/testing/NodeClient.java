package io.tollgate.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP to node processes for the cluster tests: chats with a virtual key, management calls with the admin token. */
public final class NodeClient {

    /** A short chat: costs $0.012 at $1000 per 1M tokens through the mock (worst case $0.045). */
    public static final String CHAT = "{\"model\":\"mock/echo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String adminToken;

    private NodeClient(String adminToken) {
        this.adminToken = adminToken;
    }

    /** A client sending this admin token on management calls. */
    public static NodeClient withAdminToken(String adminToken) {
        return new NodeClient(adminToken);
    }

    /** Posts {@link #CHAT} with the key. */
    public HttpResponse<String> chat(NodeProcess node, String key) {
        return chat(node, key, CHAT);
    }

    /** Posts a chat body with the key. */
    public HttpResponse<String> chat(NodeProcess node, String key, String body) {
        return chat(node.url(), key, body);
    }

    /** Posts a chat body with the key to the node at {@code baseUrl} (a process, a container). */
    public HttpResponse<String> chat(String baseUrl, String key, String body) {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A management call with the admin token. */
    public HttpResponse<String> send(NodeProcess node, String method, String path, String body) {
        return send(node.url(), method, path, body);
    }

    /** A management call with the admin token to the node at {@code baseUrl}. */
    public HttpResponse<String> send(String baseUrl, String method, String path, String body) {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + adminToken)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A management GET that must answer 200, parsed. */
    public JsonNode get(NodeProcess node, String path) {
        return get(node.url(), path);
    }

    /** A management GET to the node at {@code baseUrl} that must answer 200, parsed. */
    public JsonNode get(String baseUrl, String path) {
        HttpResponse<String> response = send(baseUrl, "GET", path, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    /** The usage of the owner's budget as the node lists it, asserting nothing is still reserved. */
    public BigDecimal budgetUsage(NodeProcess node, String owner) {
        return budgetUsage(node.url(), owner);
    }

    /** The usage of the owner's budget as the node at {@code baseUrl} lists it, asserting nothing is reserved. */
    public BigDecimal budgetUsage(String baseUrl, String owner) {
        for (JsonNode budget : get(baseUrl, "/api/governance/budgets").path("budgets")) {
            if (budget.path("owner_name").asText().equals(owner)) {
                assertThat(budget.path("reserved_usd").decimalValue()).isZero();
                return budget.path("usage_usd").decimalValue();
            }
        }
        throw new AssertionError("no budget of " + owner);
    }

    /** Parses JSON text, failing with the text. */
    public static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
