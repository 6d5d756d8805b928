package io.tollgate.config;

/**
 * The request log ({@code logging} section): one row per request in the state store's database.
 *
 * @param enabled whether requests are logged at all
 * @param content whether prompt and completion bodies are stored with each row (off by default)
 * @param maxContentBytes bodies longer than this are cut to it (UTF-8 bytes)
 * @param queueCapacity rows waiting to be written, at most; further rows are dropped and counted
 * @param retentionDays rows older than this many days are deleted
 */
public record LoggingConfig(boolean enabled, boolean content, int maxContentBytes, int queueCapacity,
                            int retentionDays) {

    /** On, without bodies; 16 KiB bodies when turned on, 10,000 queued rows, 30 days. */
    public static final LoggingConfig DEFAULT = new LoggingConfig(true, false, 16_384, 10_000, 30);

    public LoggingConfig {
        if (maxContentBytes < 0 || maxContentBytes > 16 << 20) {
            throw new IllegalArgumentException("max_content_bytes must be between 0 and 16777216, was "
                    + maxContentBytes);
        }
        if (queueCapacity < 1 || queueCapacity > 10_000_000) {
            throw new IllegalArgumentException("queue_capacity must be between 1 and 10000000, was "
                    + queueCapacity);
        }
        if (retentionDays < 1 || retentionDays > 36_500) {
            throw new IllegalArgumentException("retention_days must be between 1 and 36500, was " + retentionDays);
        }
    }
}
