package io.tollgate.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

/**
 * The management API of one node, called with the admin token; each call checks the status it expects (showing the
 * body when it differs) and hands every response to an observer first (tests that scan responses collect them).
 */
public final class AdminClient {

    private static final String BASE = "/api/governance";

    private final NodeHarness node;
    private final String token;
    private final Consumer<HttpResponse<String>> observer;

    private AdminClient(NodeHarness node, String token, Consumer<HttpResponse<String>> observer) {
        this.node = node;
        this.token = token;
        this.observer = observer;
    }

    /** A client of this node's management API. */
    public static AdminClient of(NodeHarness node, String token) {
        return of(node, token, response -> { });
    }

    /** A client that shows every response to {@code observer} before checking it. */
    public static AdminClient of(NodeHarness node, String token, Consumer<HttpResponse<String>> observer) {
        return new AdminClient(node, token, observer);
    }

    /** GETs {@code /api/governance<path>}; expects 200. */
    public JsonNode get(String path) {
        return expect(200, node.get(BASE + path, "authorization", "Bearer " + token));
    }

    /** POSTs to {@code /api/governance<path>}; expects {@code status}. */
    public JsonNode post(String path, String json, int status) {
        return expect(status, node.send("POST", BASE + path, json, "authorization", "Bearer " + token));
    }

    /** PUTs to {@code /api/governance<path>}; expects 200. */
    public JsonNode put(String path, String json) {
        return expect(200, node.send("PUT", BASE + path, json, "authorization", "Bearer " + token));
    }

    private JsonNode expect(int status, HttpResponse<String> response) {
        observer.accept(response);
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": "
                + response.body()).isEqualTo(status);
        return NodeHarness.json(response);
    }
}
