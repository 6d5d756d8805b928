package io.tollgate.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Test hosts in Linux network namespaces made by the test itself: each host has a "cluster" interface (member
 * traffic) and a "client" interface (HTTP and the database), on two bridges in the root namespace, so a host can be
 * cut off from the other members while the test still talks to it. Needs root and iproute2 ({@code ip}); addresses
 * are in 10.231.x.0/24 (cluster) and 10.232.x.0/24 (client), used only inside these namespaces.
 */
public final class TestNetwork implements AutoCloseable {

    private final String id;
    private final int subnet;
    private final int hosts;
    private final List<String> namespaces = new ArrayList<>();

    private TestNetwork(String id, int subnet, int hosts) {
        this.id = id;
        this.subnet = subnet;
        this.hosts = hosts;
    }

    /** True when this process may create network namespaces (root with iproute2). */
    public static boolean available() {
        try {
            String probe = "tgprobe" + ThreadLocalRandom.current().nextInt(10_000);
            if (run("ip", "netns", "add", probe) != 0) {
                return false;
            }
            run("ip", "netns", "del", probe);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates {@code hosts} namespaces wired to the two bridges. */
    public static TestNetwork create(int hosts) {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        TestNetwork network = new TestNetwork(id, ThreadLocalRandom.current().nextInt(2, 250), hosts);
        try {
            network.build();
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void build() {
        must("ip", "link", "add", bridge("c"), "type", "bridge");
        must("ip", "link", "add", bridge("h"), "type", "bridge");
        must("ip", "addr", "add", "10.231." + subnet + ".254/24", "dev", bridge("c"));
        must("ip", "addr", "add", "10.232." + subnet + ".254/24", "dev", bridge("h"));
        must("ip", "link", "set", bridge("c"), "up");
        must("ip", "link", "set", bridge("h"), "up");
        for (int i = 0; i < hosts; i++) {
            String ns = "tg" + id + "n" + i;
            must("ip", "netns", "add", ns);
            namespaces.add(ns);
            must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            wire(ns, i, "c", "10.231.");
            wire(ns, i, "h", "10.232.");
        }
    }

    private void wire(String ns, int host, String kind, String prefix) {
        String outside = "tg" + id + kind + host;
        must("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth" + kind, "netns", ns);
        must("ip", "link", "set", outside, "master", bridge(kind));
        must("ip", "link", "set", outside, "up");
        must("ip", "netns", "exec", ns, "ip", "addr", "add", prefix + subnet + "." + (host + 1) + "/24", "dev",
                "eth" + kind);
        must("ip", "netns", "exec", ns, "ip", "link", "set", "eth" + kind, "up");
    }

    /** The address host {@code i} uses for member traffic. */
    public String clusterIp(int host) {
        return "10.231." + subnet + "." + (host + 1);
    }

    /** The address host {@code i} serves HTTP on. */
    public String clientIp(int host) {
        return "10.232." + subnet + "." + (host + 1);
    }

    /** The root namespace's address on the client bridge (where the test offers the database). */
    public String gatewayIp() {
        return "10.232." + subnet + ".254";
    }

    /** The command prefix that runs a program inside host {@code i}. */
    public List<String> exec(int host) {
        return List.of("ip", "netns", "exec", namespaces.get(host));
    }

    /** Cuts host {@code i} off from the other members (its client interface stays up). */
    public void isolate(int host) {
        must("ip", "link", "set", "tg" + id + "c" + host, "down");
    }

    /** Connects host {@code i} to the other members again. */
    public void heal(int host) {
        must("ip", "link", "set", "tg" + id + "c" + host, "up");
    }

    private String bridge(String kind) {
        return "tg" + id + "b" + kind;
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            run("ip", "netns", "del", ns);
        }
        run("ip", "link", "del", bridge("c"));
        run("ip", "link", "del", bridge("h"));
    }

    private static void must(String... command) {
        int exit = run(command);
        if (exit != 0) {
            throw new IllegalStateException("failed (" + exit + "): " + String.join(" ", command));
        }
    }

    private static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
