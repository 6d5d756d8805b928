package io.tollgate.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The harness's command line.
 *
 * @param repo the repository root, whose {@code tollgate} launcher starts nodes
 * @param rates target rates in requests per second
 * @param duration measured time per step
 * @param warmup unrecorded time before each step, at the step's rate
 * @param kinds chat, stream or both
 * @param targets direct, gateway, passThrough (run in that order)
 * @param out a Markdown file to write the report to
 * @param profile start nodes with a JFR profile recording
 * @param smoke one rate of 200/s, 2 s warm-up, 3 s steps; fail unless every step produced numbers
 * @param client {@code helidon} (WebClient) or {@code jdk} (HttpClient)
 * @param maxInFlight the most requests outstanding at once (also the client's connection cache)
 * @param upstreamLatencyMs the fake upstream's delay before each answer
 * @param nodeJvm JVM options the nodes get after {@code -Xmx512m} (for example a garbage collector to compare)
 */
public record Options(Path repo, List<Long> rates, Duration duration, Duration warmup, List<Kind> kinds,
                      List<Target> targets, Optional<Path> out, boolean profile, boolean smoke, String client,
                      int maxInFlight, long upstreamLatencyMs, String nodeJvm) {

    static final String USAGE = """
            usage: ./tollgate bench load [--rates 500,2000,5000] [--duration 10s] [--warmup 3s] [--kinds chat,stream]
                                         [--targets direct,gateway,passThrough] [--out FILE.md] [--profile]
                                         [--client helidon|jdk] [--max-in-flight 128] [--upstream-latency-ms 0] [--smoke]
                                         [--node-jvm "-XX:+UseZGC ..."]""";

    public Options {
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1)) {
            throw new IllegalArgumentException("--rates must list rates of at least 1 request/s, was " + rates);
        }
        if (kinds.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("--kinds and --targets must not be empty");
        }
        if (!client.equals("helidon") && !client.equals("jdk")) {
            throw new IllegalArgumentException("--client must be helidon or jdk, was " + client);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("--max-in-flight must be at least 1, was " + maxInFlight);
        }
        if (upstreamLatencyMs < 0) {
            throw new IllegalArgumentException("--upstream-latency-ms must not be negative, was " + upstreamLatencyMs);
        }
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} with the problem. */
    public static Options parse(String... args) {
        Path repo = Path.of(".");
        List<Long> rates = List.of(500L, 2000L, 5000L);
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(3);
        List<Kind> kinds = List.of(Kind.values());
        List<Target> targets = List.of(Target.values());
        Optional<Path> out = Optional.empty();
        boolean profile = false;
        boolean smoke = false;
        String client = "helidon";
        int maxInFlight = 128;
        long latency = 0;
        String nodeJvm = "";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--profile" -> profile = true;
                case "--smoke" -> smoke = true;
                case "--repo" -> repo = Path.of(value(args, ++i, arg));
                case "--rates" -> rates = split(value(args, ++i, arg)).stream().map(Long::parseLong).toList();
                case "--duration" -> duration = duration(value(args, ++i, arg));
                case "--warmup" -> warmup = duration(value(args, ++i, arg));
                case "--kinds" -> kinds = split(value(args, ++i, arg)).stream().map(Kind::of).distinct().toList();
                case "--targets" -> targets = split(value(args, ++i, arg)).stream().map(Target::of).distinct()
                        .sorted().toList();
                case "--out" -> out = Optional.of(Path.of(value(args, ++i, arg)));
                case "--client" -> client = value(args, ++i, arg);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(value(args, ++i, arg));
                case "--upstream-latency-ms" -> latency = Long.parseLong(value(args, ++i, arg));
                case "--node-jvm" -> nodeJvm = value(args, ++i, arg).strip();
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (smoke) {
            rates = List.of(200L);
            warmup = Duration.ofSeconds(2);
            duration = Duration.ofSeconds(3);
        }
        return new Options(repo.toAbsolutePath().normalize(), rates, duration, warmup, kinds, targets, out, profile,
                smoke, client, maxInFlight, latency, nodeJvm);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static List<String> split(String list) {
        return new ArrayList<>(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}, or a number of seconds. */
    static Duration duration(String text) {
        String t = text.trim();
        Duration d;
        if (t.endsWith("ms")) {
            d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        } else if (t.endsWith("s")) {
            d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("m")) {
            d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        } else {
            d = Duration.ofSeconds(Long.parseLong(t));
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("a duration must not be negative, was " + text);
        }
        return d;
    }
}
