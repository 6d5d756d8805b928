package io.tollgate.node.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An in-test HTTP upstream on a loopback port: each path answers with a scripted {@link Reply}, and every request is
 * recorded so tests can check what the gateway sent.
 */
public final class FakeUpstream implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake upstream on a free loopback port. */
    public static FakeUpstream start() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL, for example {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the reply for a path (without query). */
    public FakeUpstream on(String path, Reply reply) {
        replies.put(path, reply);
        return this;
    }

    /** Every request received so far, in order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The requests received after the first {@code seen} (a test's own, when it noted the count at its start). */
    public List<Recorded> requestsSince(int seen) {
        List<Recorded> all = requests();
        return all.subList(Math.min(seen, all.size()), all.size());
    }

    /** The last request received. */
    public Recorded last() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake upstream received no request");
        }
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery(), headers,
                new String(body, StandardCharsets.UTF_8), exchange.getRemoteAddress().getPort()));
        Reply reply = replies.get(exchange.getRequestURI().getPath());
        try {
            if (reply == null) {
                Reply.json(404, "{\"error\":{\"message\":\"no such path in the fake\",\"type\":\"invalid_request_error\"}}")
                        .write(exchange);
            } else {
                reply.write(exchange);
            }
        } catch (IOException e) {
            // the gateway went away; tests that care look at Reply state
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One request as the fake saw it.
     *
     * @param method HTTP method
     * @param path path without query
     * @param query raw query, empty if none
     * @param headers lower-case header names to first values
     * @param body the body as text
     * @param clientPort the gateway's local port for the connection (equal ports mean a reused connection)
     */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body,
                           int clientPort) {
    }

    /** How the fake answers a request. */
    @FunctionalInterface
    public interface Reply {
        /** Writes the whole answer. */
        void write(HttpExchange exchange) throws IOException;

        /** A JSON answer with this status. */
        static Reply json(int status, String json) {
            return exchange -> {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            };
        }

        /** An SSE answer sent event by event, flushed after each. */
        static Reply sse(List<String> events) {
            return exchange -> {
                exchange.getResponseHeaders().set("content-type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (String event : events) {
                        out.write(event.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            };
        }

        /**
         * Answers by the API key the request carries ({@code Authorization: Bearer ...}, {@code x-api-key} or
         * {@code api-key}): the reply of that key, else {@code otherwise}.
         */
        static Reply byKey(Map<String, Reply> replies, Reply otherwise) {
            return exchange -> {
                String bearer = exchange.getRequestHeaders().getFirst("authorization");
                String key = bearer != null && bearer.startsWith("Bearer ") ? bearer.substring(7)
                        : java.util.Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("x-api-key"),
                        java.util.Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("api-key"), ""));
                replies.getOrDefault(key, otherwise).write(exchange);
            };
        }

        /** A JSON answer with this status and extra response headers. */
        static Reply json(int status, String json, Map<String, String> headers) {
            Reply body = json(status, json);
            return exchange -> {
                headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                body.write(exchange);
            };
        }

        /** Waits this long before answering with the given reply. */
        static Reply delayed(long millis, Reply then) {
            return exchange -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                then.write(exchange);
            };
        }
    }
}
