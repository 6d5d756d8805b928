package io.tollgate.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a node's management API on 127.0.0.1 at a free port: answers each {@code METHOD path} with the
 * status and JSON it was given (404 in OpenAI's error shape otherwise) and records every request.
 */
final class FakeNode implements AutoCloseable {

    /** A request as the node saw it. */
    record Request(String method, String path, String authorization, String contentType, String body,
                   String query) {
    }

    private record Reply(int status, String body) {
    }

    private static final Reply STALL = new Reply(0, "");

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeNode(HttpServer server) {
        this.server = server;
    }

    static FakeNode start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeNode node = new FakeNode(server);
            server.createContext("/", node::handle);
            server.start();
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake node", e);
        }
    }

    /** Answers {@code method path} with {@code status} and {@code json}. */
    FakeNode reply(String method, String path, int status, String json) {
        replies.put(method + " " + path, new Reply(status, json));
        return this;
    }

    /** Never answers {@code method path} (until closed), to exercise the client's timeout. */
    FakeNode stall(String method, String path) {
        replies.put(method + " " + path, STALL);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The only request received. */
    Request request() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body,
                String.valueOf(exchange.getRequestURI().getRawQuery())));
        Reply reply = Optional.ofNullable(replies.get(exchange.getRequestMethod() + " " + path))
                .orElse(new Reply(404, "{\"error\":{\"message\":\"No route for " + exchange.getRequestMethod() + " "
                        + path + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"not_found\"}}"));
        if (reply == STALL) {
            awaitClose();
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
