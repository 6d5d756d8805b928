package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code tollgate ops}: the global options (inherited by every subcommand, so they go before or
 * after it) and what one invocation shares: the output streams, the environment, the clock and the API client.
 * Not thread-safe: one instance per invocation.
 */
@Command(name = "tollgate ops", sortOptions = false,
        description = "The operator CLI: reads and changes a Tollgate cluster through a node's management API.",
        subcommands = {StatusCommand.class, BudgetsCommand.class, MarginCommand.class, KeysCommand.class,
                CacheCommand.class, VirtualKeyCommand.class, TeamCommand.class, CustomerCommand.class,
                TokensCommand.class, AuditCommand.class, SpendCommand.class},
        footer = {"", "Exit codes: 0 done (status: healthy), 1 the API refused (status: not healthy),",
                "2 usage, connection or admin-token problem."})
final class OpsCommand implements Runnable, AutoCloseable {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The node's base URL (default: $TOLLGATE_URL, else " + DEFAULT_URL + ").")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "The admin token (default: $TOLLGATE_ADMIN_TOKEN).")
    private String token;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the API's JSON answer (pretty-printed) instead of a table.")
    private boolean json;

    @Option(names = "--timeout-ms", paramLabel = "MS", scope = ScopeType.INHERIT,
            description = "Connect and answer timeout in milliseconds (default: 5000).")
    private Long timeoutMs;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private ManagementClient client;

    OpsCommand(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: status, budgets, spend, margin, keys, cache, vk, team, customer, tokens or audit");
    }

    /** The client of the node named by {@code --url}; created on first use. */
    ManagementClient client() {
        if (client == null) {
            long millis = timeoutMs == null ? 5000 : timeoutMs;
            if (millis < 1) {
                throw OpsException.usage("--timeout-ms must be at least 1, was " + millis);
            }
            String secret = Optional.ofNullable(token).or(() -> Optional.ofNullable(env.get("TOLLGATE_ADMIN_TOKEN")))
                    .orElse("");
            client = ManagementClient.create(baseUrl(), secret.trim(), Duration.ofMillis(millis));
        }
        return client;
    }

    /** The node's URL: {@code --url}, else {@code TOLLGATE_URL}, else {@value #DEFAULT_URL}. */
    String baseUrl() {
        return Optional.ofNullable(url).or(() -> Optional.ofNullable(env.get("TOLLGATE_URL")))
                .filter(value -> !value.isBlank()).orElse(DEFAULT_URL).trim();
    }

    boolean json() {
        return json;
    }

    Instant now() {
        return clock.instant();
    }

    /** Prints a line of the answer (stdout). */
    void print(String text) {
        out.println(text);
    }

    /** Prints the API's JSON, pretty-printed (stdout). */
    void printJson(JsonNode answer) {
        out.println(Json.pretty(answer));
    }

    /** Prints a note for people that is not part of the answer (stderr), so {@code --json} output stays JSON. */
    void note(String text) {
        err.println(text);
    }

    /** Prints {@code answer} as JSON with {@code --json}, else as {@code table}. */
    void answer(JsonNode answer, Supplier<String> table) {
        if (json) {
            printJson(answer);
        } else {
            print(table.get());
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
