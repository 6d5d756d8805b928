package io.tollgate.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node started through the launcher ({@code <repo>/tollgate start --config FILE}) as a subprocess, its output in a
 * log file. The launcher {@code exec}s the JVM, so the process id is the node's. {@link #close()} sends SIGTERM and
 * waits for the node to stop (it writes its request-log queue first), then kills it if it has not.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node and waits until {@code GET /ready} answers 200.
     *
     * @param javaOpts JVM options for the node ({@code TOLLGATE_JAVA_OPTS})
     * @throws IllegalStateException when the node exits or is not ready within five minutes (the log's tail is in
     *     the message)
     */
    static NodeProcess start(Path repo, Path config, int port, String javaOpts, Path log) {
        ProcessBuilder builder = new ProcessBuilder(List.of(repo.resolve("tollgate").toString(), "start", "--config",
                config.toString()))
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TOLLGATE_JAVA_OPTS", javaOpts);
        builder.environment().keySet().removeIf(name -> name.startsWith("OTEL_")); // tracing off
        try {
            NodeProcess node = new NodeProcess(builder.start(), log);
            node.awaitReady(port);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + repo.resolve("tollgate") + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(int port) {
        URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the node exited with " + process.exitValue() + "; log " + log
                            + ":\n" + tail());
                }
                try {
                    HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException("the node was not ready within " + READY_TIMEOUT + "; log " + log + ":\n"
                + tail());
    }

    /** The node's process id. */
    String pid() {
        return Long.toString(process.pid());
    }

    /** CPU seconds the node has used so far. */
    double cpuSeconds() {
        return ProcStat.cpuSeconds(pid());
    }

    /** The node's resident memory, in bytes. */
    long rssBytes() {
        return ProcStat.rssBytes(pid());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
