package io.tollgate.cluster.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Test records: varied ids, routes, outcomes and non-round costs; three requests share each instant. Every request
 * that reached a provider has its attempts: one, or a failed first call and a successful fallback.
 */
final class LogRows {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Comparator<LogRecord> NEWEST_FIRST = Comparator.comparing(LogRecord::time)
            .thenComparing(LogRecord::requestId).reversed();
    private static final String[] CACHE = {"none", "off", "skip", "miss", "hit-exact", "hit-semantic"};

    private LogRows() {
    }

    /** {@code count} records spread over the 40 minutes-per-triple before {@link #NOW} (crossing a UTC midnight). */
    static List<LogRecord> sample(int count) {
        List<LogRecord> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(record(i, NOW.minusSeconds(40L * 60 * (i / 3))));
        }
        return rows;
    }

    static LogRecord record(int i, Instant time) {
        String cache = CACHE[i % CACHE.length];
        boolean hit = cache.startsWith("hit");
        Optional<String> provider = hit ? Optional.empty() : Optional.of(i % 2 == 0 ? "openai" : "anthropic");
        return withAttempts(new LogRecord("req-%03d".formatted(i), time, "node-" + (i % 2),
                Optional.of("vk-" + (i % 3)),
                i % 5 == 0 ? Optional.empty() : Optional.of("team-" + (i % 2)), Optional.of("cust-" + (i % 4)),
                "openai.chat", provider, Optional.of("model-" + (i % 3)), provider.map(p -> p + "-key"),
                i % 7 == 0 ? 500 : 200, i % 7 == 0 ? Optional.of("upstream") : Optional.empty(), 1 + i % 2, i % 2,
                i % 3 == 0, cache, cache.equals("hit-semantic") ? 0.93 : 0, 10L * i, i, 0, i % 4, 7L * i,
                hit ? 0 : 1_234_567L * i + 1, hit ? 987_654_321L + i : 0, 1_000L + i,
                i % 3 == 0 ? Optional.of(50L + i) : Optional.empty(), 800L + i, 200, Optional.of("prompt " + i),
                Optional.of("answer " + i)), i).withDimensions(dimensions(i));
    }

    /** Tags and end users of varied shapes: some absent, one value with the stored form's delimiters in it. */
    static LogDimensions dimensions(int i) {
        java.util.Map<String, String> tags = new java.util.TreeMap<>();
        tags.put("feature", i % 3 == 2 ? "x;y=z%" : "f" + (i % 3));
        if (i % 2 == 0) {
            tags.put("env", "prod");
        }
        return new LogDimensions(i % 5 == 1 ? java.util.Map.of() : tags,
                i % 4 == 0 ? Optional.empty() : Optional.of("user-" + (i % 4)));
    }

    /** The record with its calls: none for a cache hit, else the attempts and fallback the record counts. */
    static LogRecord withAttempts(LogRecord row, int i) {
        if (row.provider().isEmpty()) {
            return row;
        }
        List<AttemptRecord> attempts = new ArrayList<>();
        if (row.attempts() == 2) {
            attempts.add(new AttemptRecord(1, 0, row.time().plusNanos(1_500), "openai", "first-" + i, "openai-key",
                    503, Optional.of("upstream_error"), 300L + i));
        }
        attempts.add(new AttemptRecord(row.attempts(), row.fallbackIndex(), row.time().plusMillis(2),
                row.provider().get(), row.model().orElseThrow(), row.keyName().orElseThrow(), row.status(),
                row.errorType(), 500L + i));
        return row.withAttemptLog(attempts);
    }

    /** The rows as the log returns them when bodies are not kept. */
    static LogRecord withoutBodies(LogRecord row) {
        return row.withContent(false, 0);
    }

    static List<LogRecord> newestFirst(List<LogRecord> rows) {
        return rows.stream().map(LogRows::withoutBodies).sorted(NEWEST_FIRST).toList();
    }
}
