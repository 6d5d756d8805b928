package io.tollgate.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Tollgate node in a JVM process of its own, started with {@code io.tollgate.node.Main --config FILE} on the
 * test's class path: what the cluster tests need where death (SIGKILL) and restart matter. Its output goes to a file
 * under the test's directory, shown when it fails to start.
 */
public final class NodeProcess implements AutoCloseable {

    private static final List<String> JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
            "--add-modules", "jdk.incubator.vector", "-Xmx384m",
            "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR", System.getProperty("java.io.tmpdir") + "/tollgate-djl"));

    private final String name;
    private final Path config;
    private final Path log;
    private final int httpPort;
    private final String host;
    private final List<String> prefix;
    private final Map<String, String> env;
    private Process process;

    private NodeProcess(String name, Path config, Path log, String host, int httpPort, List<String> prefix,
                        Map<String, String> env) {
        this.name = name;
        this.config = config;
        this.log = log;
        this.host = host;
        this.httpPort = httpPort;
        this.prefix = List.copyOf(prefix);
        this.env = Map.copyOf(env);
    }

    /**
     * Writes the YAML to {@code dir/name.yaml} and starts the node; returns once {@code /ready} answers.
     *
     * @param httpPort the port the YAML's {@code server.port} names
     */
    public static NodeProcess start(Path dir, String name, String yaml, int httpPort) {
        NodeProcess node = launch(dir, name, yaml, httpPort);
        node.awaitReady();
        return node;
    }

    /**
     * Writes the YAML and starts the process without waiting for it; {@link #awaitReady()} waits. Members of a
     * cluster with a quorum wait for each other at start, so they are launched together and then awaited.
     */
    public static NodeProcess launch(Path dir, String name, String yaml, int httpPort) {
        return launch(dir, name, yaml, httpPort, Map.of());
    }

    /**
     * Like {@link #launch(Path, String, String, int)} with environment variables added to this JVM's, for a
     * configuration whose {@code ${NAME}} references they fill.
     */
    public static NodeProcess launch(Path dir, String name, String yaml, int httpPort, Map<String, String> env) {
        return launch(dir, name, yaml, "127.0.0.1", httpPort, List.of(), env);
    }

    /**
     * Like {@link #launch(Path, String, String, int)} for a node reached at {@code host} and started through a
     * command {@code prefix} (for example {@code ip netns exec NS}).
     */
    public static NodeProcess launch(Path dir, String name, String yaml, String host, int httpPort,
                                     List<String> prefix) {
        return launch(dir, name, yaml, host, httpPort, prefix, Map.of());
    }

    private static NodeProcess launch(Path dir, String name, String yaml, String host, int httpPort,
                                      List<String> prefix, Map<String, String> env) {
        try {
            Path config = dir.resolve(name + ".yaml");
            Files.writeString(config, yaml);
            NodeProcess node = new NodeProcess(name, config, dir.resolve(name + ".log"), host, httpPort, prefix,
                    env);
            node.spawn();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the same node again (same configuration, same ports) after it stopped or was killed. */
    public void restart() {
        spawn();
        awaitReady();
    }

    /** Starts the process again without waiting (see {@link #awaitReady()}): for restarting members together. */
    public void relaunch() {
        spawn();
    }

    /** Waits until the node answers {@code /ready}, or fails with its output. */
    public void awaitReady() {
        awaitReady(Duration.ofSeconds(120));
    }

    private void spawn() {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tollgate.node.Main");
        command.add("--config");
        command.add(config.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("node " + name + " exited with " + process.exitValue() + ":\n" + output());
                }
                try {
                    HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/ready"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("node " + name + " was not ready within " + timeout + ":\n" + output());
    }

    /** The node's base URL. */
    public String url() {
        return "http://" + host + ":" + httpPort;
    }

    /** Kills the process with SIGKILL: no shutdown hook, no flush. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Stops the process cleanly (SIGTERM runs the shutdown hook). */
    public void stop() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the process runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** What the node printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Ports this JVM handed out, never handed out twice. */
    private static final java.util.Set<Integer> PORTS_HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A free TCP port on loopback, outside the ephemeral range. */
    public static int freePort() {
        // below the kernel's ephemeral range (32768-60999 here): a port the OS handed out for listening may
        // otherwise be taken, before the node binds it, by the local end of another node's outgoing connection
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (PORTS_HANDED_OUT.add(port)) {
                try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    return socket.getLocalPort();
                } catch (IOException taken) {
                    // in use: try another
                }
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000 after 200 tries");
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }
}
