package io.tollgate.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the CLI in-process against a node URL with a fixed admin token and clock, capturing what it prints. */
final class Cli {

    static final String TOKEN = "adm-s3cret-token-7f3a";
    static final Instant NOW = Instant.parse("2026-11-30T06:48:00Z");

    /** What one invocation printed and returned. */
    record Result(int exitCode, String out, String err) {

        /** Both streams, for assertions that something appears nowhere. */
        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    /** Runs with {@code TOLLGATE_URL} = {@code url} and {@code TOLLGATE_ADMIN_TOKEN} = {@link #TOKEN}. */
    static Result run(String url, String... args) {
        return run(Map.of("TOLLGATE_URL", url, "TOLLGATE_ADMIN_TOKEN", TOKEN), args);
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, env, Clock.fixed(NOW, ZoneOffset.UTC));
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
