package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Calls one node's management API with the admin token as {@code Authorization: Bearer}, over the JDK's
 * {@link HttpClient} (HTTP/1.1). Every call returns the answer's JSON on a 2xx status and otherwise throws an
 * {@link OpsException}: usage (exit 2) when the node cannot be reached, does not answer in time or refuses the
 * token (401); failed (exit 1) with the API's {@code error.message} for any other error status. No message contains
 * the token. Meant for one CLI invocation (one request at a time); close it when done.
 */
final class ManagementClient implements AutoCloseable {

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;

    private ManagementClient(HttpClient http, String base, String token, Duration timeout) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * A client of the node at {@code url}.
     *
     * @throws OpsException (usage) when the token is blank or the URL is not an absolute http(s) URL
     */
    static ManagementClient create(String url, String token, Duration timeout) {
        if (token.isBlank()) {
            throw OpsException.usage("no admin token: pass --token or set TOLLGATE_ADMIN_TOKEN");
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            URI uri = new URI(base);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw OpsException.usage("--url must be an http:// or https:// URL, was '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw OpsException.usage("--url must be an http:// or https:// URL, was '" + url + "'");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new ManagementClient(http, base, token, timeout);
    }

    /** One path segment, percent-encoded (ids are user input). */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code GET path}; the answer's JSON. */
    JsonNode get(String path) {
        return send("GET", path, Optional.empty());
    }

    /** {@code POST path} with a JSON body; the answer's JSON. */
    JsonNode post(String path, JsonNode body) {
        return send("POST", path, Optional.of(body));
    }

    /** {@code PUT path} with a JSON body; the answer's JSON. */
    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, Optional.of(body));
    }

    /** {@code DELETE path}; the answer's JSON. */
    JsonNode delete(String path) {
        return send("DELETE", path, Optional.empty());
    }

    private JsonNode send(String method, String path, Optional<JsonNode> json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        json.ifPresent(body -> builder.header("Content-Type", "application/json"));
        HttpRequest request = builder.method(method, json.map(body -> HttpRequest.BodyPublishers.ofString(
                Json.compact(body), StandardCharsets.UTF_8)).orElse(HttpRequest.BodyPublishers.noBody())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + timeout.toMillis() + " ms (--timeout-ms)");
        } catch (ConnectException e) {
            throw unreachable(e.getCause() instanceof UnresolvedAddressException ? "unknown host"
                    : "connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        return answer(method, path, response.statusCode(), response.body());
    }

    private JsonNode answer(String method, String path, int status, String text) {
        JsonNode body;
        try {
            body = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw OpsException.failed("the node answered " + method + " " + path + " with status " + status
                    + " and a body that is not JSON");
        }
        if (status >= 200 && status < 300) {
            return body;
        }
        JsonNode error = body.path("error");
        String code = error.path("code").asText("");
        String message = Json.text(error, "message").orElse("the node answered " + method + " " + path
                + " with status " + status);
        if (status == 401 && code.equals("admin_token_missing")) {
            throw OpsException.usage(message);
        }
        if (status == 401) {
            throw OpsException.usage("the node refused the admin token (check --token or TOLLGATE_ADMIN_TOKEN)");
        }
        throw OpsException.failed(message.replace(token, "***"));
    }

    private OpsException unreachable(String reason) {
        return OpsException.usage("cannot reach " + base + ": " + reason);
    }

    @Override
    public void close() {
        http.close();
    }
}
