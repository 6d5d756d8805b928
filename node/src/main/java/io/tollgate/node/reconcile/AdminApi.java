package io.tollgate.node.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * GETs of a provider's admin API with the JDK client (imports run off the request path, hourly, so its cost does not
 * matter), following the cursor pages. Failures are {@link ImportException}s that name the endpoint and the status,
 * never the key.
 */
final class AdminApi {

    /** Stops a runaway cursor. */
    private static final int MAX_PAGES = 100;

    private final HttpClient http;
    private final URI base;
    private final Map<String, String> headers;
    private final Duration timeout;

    AdminApi(URI base, Map<String, String> headers, Duration timeout) {
        this.base = base;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Reads every page of {@code path}: the query pairs, then {@code page=<cursor>} while {@code next} finds one.
     *
     * @param pairs query parameter names and values, alternating
     */
    void pages(String path, List<String> pairs, Function<JsonNode, Optional<String>> next,
               java.util.function.Consumer<JsonNode> sink) {
        Optional<String> cursor = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            StringBuilder query = new StringBuilder();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                append(query, pairs.get(i), pairs.get(i + 1));
            }
            cursor.ifPresent(value -> append(query, "page", value));
            JsonNode body = get(path + "?" + query);
            sink.accept(body);
            cursor = next.apply(body);
            if (cursor.isEmpty()) {
                return;
            }
        }
        throw new ImportException("GET " + path + " returned more than " + MAX_PAGES + " pages");
    }

    private JsonNode get(String pathAndQuery) {
        String endpoint = pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).GET()
                .header("accept", "application/json");
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ImportException("GET " + base + endpoint + " failed: " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("GET " + base + endpoint + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new ImportException("GET " + base + endpoint + " answered " + response.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new ImportException("GET " + base + endpoint + " answered with something other than JSON", e);
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
