package io.tollgate.node;

import io.helidon.logging.common.LogConfig;
import io.tollgate.config.ConfigException;
import io.tollgate.config.ConfigLoader;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.http.GatewayRouting;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a node: {@code tollgate-node [--config FILE]}. Without {@code --config}, {@code TOLLGATE_CONFIG} names the
 * file; without either the bundled default is used. A bad configuration stops the node before it listens, with a
 * message naming the file, the path inside it and the problem, and exit code 2.
 */
public final class Main {

    private Main() {
    }

    /** The entry point. */
    public static void main(String[] args) throws InterruptedException {
        LogConfig.configureRuntime();
        String configPath = "";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configPath = args[++i];
            } else if (args[i].startsWith("--config=")) {
                configPath = args[i].substring("--config=".length());
            } else {
                System.err.println("tollgate: unknown argument '" + args[i] + "'; usage: tollgate start [--config FILE]");
                System.exit(2);
            }
        }
        TollgateNode node;
        try {
            TollgateConfig config = ConfigLoader.resolve(configPath, System.getenv());
            config.warnings().forEach(w -> System.err.println("tollgate: warning: " + w));
            node = TollgateNode.start(config, Clock.systemUTC()); // checks the server.tls files' content
        } catch (ConfigException e) {
            System.err.println("tollgate: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        banner(System.out, node);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tollgate-shutdown"));
        stopped.await();
    }

    /**
     * The demo key of the bundled default configuration, shown so the printed example works; keys of a user's own
     * configuration are never printed.
     */
    static java.util.Optional<String> demoKey(TollgateConfig config) {
        if (!config.source().equals(ConfigLoader.DEFAULT_SOURCE) || !config.governance().enforce()) {
            return java.util.Optional.empty();
        }
        return config.governance().virtualKeys().stream().filter(k -> k.name().equals("demo")).findFirst()
                .map(k -> k.value().reveal());
    }

    static void banner(PrintStream out, TollgateNode node) {
        String base = node.baseUri().toString();
        out.println();
        out.println("Tollgate is listening on " + base + "  (config: " + node.config().source() + ")");
        out.println();
        out.println("Providers:");
        node.config().providers().values().forEach(p -> out.println("  " + p.name() + " (" + p.type().configName()
                + ")" + p.disabledReason().map(r -> "  disabled: " + r).orElse("")));
        out.println();
        out.println("Routes:");
        GatewayRouting.ROUTES.forEach(r -> out.println("  " + r));
        out.println();
        java.util.Optional<String> demo = demoKey(node.config());
        demo.ifPresent(value -> out.println("Demo virtual key (bundled default, small budget): " + value));
        out.println();
        out.println("Try it:");
        out.println("  curl -s " + base + "/v1/chat/completions -H 'content-type: application/json' \\");
        demo.ifPresent(value -> out.println("    -H 'authorization: Bearer " + value + "' \\"));
        out.println("    -d '{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Tollgate!\"}]}'");
        out.println();
        out.flush();
    }
}
