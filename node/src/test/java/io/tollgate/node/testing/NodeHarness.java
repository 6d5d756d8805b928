package io.tollgate.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.ConfigLoader;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.TollgateNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A node started on a free loopback port from YAML text, with a plain HTTP client to talk to it. The YAML's
 * {@code server.port} should be 0.
 */
public final class NodeHarness implements AutoCloseable {

    private final TollgateNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private NodeHarness(TollgateNode node) {
        this.node = node;
    }

    /** Starts a node from this YAML with an empty environment. */
    public static NodeHarness start(String yaml) {
        return start(yaml, Map.of());
    }

    /**
     * Starts a node from this YAML and environment. Unless the YAML says otherwise, the node keeps its state in a
     * fresh temporary directory and does not enforce virtual keys (tests of governance declare their own).
     */
    public static NodeHarness start(String yaml, Map<String, String> env) {
        return start(yaml, env, Clock.systemUTC());
    }

    /** Starts a node with this clock (governance tests move it). */
    public static NodeHarness start(String yaml, Map<String, String> env, Clock clock) {
        return start(yaml, env, clock, io.tollgate.node.tracing.RequestTracing.off());
    }

    /** Starts a node that traces its requests with {@code tracing}. */
    public static NodeHarness start(String yaml, Map<String, String> env, Clock clock,
                                    io.tollgate.node.tracing.RequestTracing tracing) {
        String full = yaml;
        if (!yaml.contains("\nstore:") && !yaml.startsWith("store:")) {
            full += "\nstore: { data_dir: \"" + tempDir() + "\" }\n";
        }
        if (!yaml.contains("\ngovernance:") && !yaml.startsWith("governance:")) {
            full += "\ngovernance: { enforce: false }\n";
        }
        TollgateConfig config = ConfigLoader.parse(full, "test.yaml", env);
        return new NodeHarness(TollgateNode.start(config, clock, tracing));
    }

    /** A new empty temporary directory, removed when the JVM exits. */
    public static String tempDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tollgate-test-");
            dir.toFile().deleteOnExit();
            return dir.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running node. */
    public TollgateNode node() {
        return node;
    }

    /** The node's base URL. */
    public String url() {
        return node.baseUri().toString();
    }

    /** POSTs JSON and returns the whole response. */
    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(request(path, json, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON and returns the whole response as bytes (audio answers). */
    public HttpResponse<byte[]> postBytes(String path, String json, String... headers) {
        return send(request(path, json, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs JSON and returns the response as soon as its headers arrive; the body is read as it comes. */
    public HttpResponse<InputStream> postStreaming(String path, String json, String... headers) {
        return send(request(path, json, headers), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** POSTs a {@code multipart/form-data} form ({@link Forms}) and returns the whole response. */
    public HttpResponse<String> postForm(String path, Forms.Form form, String... headers) {
        return send(builder(path, headers).header("content-type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a path, with optional header name/value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        return send(builder(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends any method with an optional JSON body and header name/value pairs. */
    public HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.BodyPublisher body = json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return send(builder(path, headers).header("content-type", "application/json").method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /**
     * A request's cost in dollars, read from the request log by the response's {@code x-request-id}: a stream's cost
     * is known only at its end, after the headers went out.
     */
    public BigDecimal loggedCost(HttpHeaders headers) {
        String id = headers.firstValue("x-request-id").orElseThrow(() -> new AssertionError("no x-request-id"));
        node.cluster().requestLog().flush();
        return node.cluster().requestLog().find(id).map(row -> BigDecimal.valueOf(row.costNanos(), 9))
                .orElseThrow(() -> new AssertionError("no log row for " + id));
    }

    /** Parses a JSON body. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private HttpRequest request(String path, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        node.close();
        http.close();
    }
}
