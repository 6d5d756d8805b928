package io.tollgate.config;

import java.util.Set;

/** Binds the {@code logging} section. */
final class LoggingBinder {

    /** Keys allowed under {@code logging}. */
    static final Set<String> LOGGING_KEYS = Set.of("enabled", "content", "max_content_bytes", "queue_capacity",
            "retention_days");

    private LoggingBinder() {
    }

    /** Binds the section; absent keys take {@link LoggingConfig#DEFAULT}'s values. */
    static LoggingConfig bind(ConfigNode node) {
        node.requireKeys(LOGGING_KEYS);
        LoggingConfig defaults = LoggingConfig.DEFAULT;
        boolean enabled = node.boolOr("enabled", defaults.enabled());
        boolean content = node.boolOr("content", defaults.content());
        int maxContentBytes = node.intOr("max_content_bytes", defaults.maxContentBytes());
        int queueCapacity = node.intOr("queue_capacity", defaults.queueCapacity());
        int retentionDays = node.intOr("retention_days", defaults.retentionDays());
        return node.build(LOGGING_KEYS, () -> new LoggingConfig(enabled, content, maxContentBytes, queueCapacity,
                retentionDays));
    }
}
