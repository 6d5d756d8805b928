package io.tollgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code log_export} section. Credentials and region come from the section or, when it leaves them out,
 * from the standard AWS variables: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}
 * (taken only with keys from the environment, never beside keys from the file) and {@code AWS_REGION}.
 */
final class LogExportBinder {

    /** Keys allowed under {@code log_export}. */
    static final Set<String> KEYS = Set.of("enabled", "endpoint", "bucket", "prefix", "region", "path_style",
            "format", "interval_ms", "batch_rows", "settle_ms", "timeout_ms", "bodies", "access_key_id",
            "secret_access_key", "session_token");
    /** The one format written: gzip-compressed JSON lines. */
    static final String FORMAT = "jsonl";

    private LogExportBinder() {
    }

    /**
     * Binds the section: empty when {@code enabled} is false, or, with a warning, when no credentials are given or
     * found (the rest of the gateway still starts).
     */
    static Optional<LogExportConfig> bind(ConfigNode node, List<String> warnings) {
        node.requireKeys(KEYS);
        if (!node.boolOr("enabled", true)) {
            return Optional.empty();
        }
        String bucket = node.required("bucket").nonBlankString();
        node.field("format").ifPresent(format -> {
            String value = format.nonBlankString();
            if (!value.equals(FORMAT)) {
                throw format.error("must be jsonl (gzip-compressed JSON lines; Parquet is not written), was '"
                        + value + "'");
            }
        });
        String region = node.fieldOr("region", "${AWS_REGION:-us-east-1}").nonBlankString();
        URI endpoint = node.field("endpoint").map(LogExportBinder::url)
                .orElseGet(() -> LogExportConfig.awsEndpoint(region));
        String prefix = node.field("prefix").map(ConfigNode::string).map(LogExportBinder::trimSlashes)
                .orElse(LogExportConfig.DEFAULT_PREFIX);
        boolean pathStyle = node.boolOr("path_style", false);
        long interval = node.longOr("interval_ms", LogExportConfig.DEFAULT_INTERVAL_MS);
        int batchRows = node.intOr("batch_rows", LogExportConfig.DEFAULT_BATCH_ROWS);
        long settle = node.longOr("settle_ms", LogExportConfig.DEFAULT_SETTLE_MS);
        long timeout = node.longOr("timeout_ms", LogExportConfig.DEFAULT_TIMEOUT_MS);
        boolean bodies = node.boolOr("bodies", false);
        boolean fromFile = node.field("access_key_id").isPresent();
        ConfigNode keyIdNode = node.fieldOr("access_key_id", "${AWS_ACCESS_KEY_ID}");
        ConfigNode secretNode = node.fieldOr("secret_access_key", "${AWS_SECRET_ACCESS_KEY}");
        EnvSubstitution.Result keyId = keyIdNode.secret();
        EnvSubstitution.Result secret = secretNode.secret();
        Optional<ConfigNode> sessionNode = fromFile ? node.field("session_token")
                : Optional.of(node.fieldOr("session_token", "${AWS_SESSION_TOKEN:-}"));
        Optional<Secret> session = sessionNode.flatMap(token -> token.optionalSecret("must not be blank; leave it"
                + " out instead"));
        for (EnvSubstitution.Result credential : List.of(keyId, secret)) {
            if (!credential.unset().isEmpty()) {
                warnings.add("log_export disabled: environment variable " + credential.unset().getFirst()
                        + " is not set (give access_key_id and secret_access_key, or set AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY)");
                return Optional.empty();
            }
        }
        if (keyId.text().isBlank()) {
            throw keyIdNode.error("must not be blank");
        }
        if (secret.text().isBlank()) {
            throw secretNode.error("must not be blank");
        }
        return Optional.of(node.build(KEYS, () -> new LogExportConfig(endpoint, bucket, prefix, region, pathStyle,
                interval, batchRows, settle, timeout, bodies, keyId.text(), new Secret(secret.text()), session)));
    }

    private static String trimSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }

    private static URI url(ConfigNode node) {
        try {
            return new URI(node.nonBlankString());
        } catch (URISyntaxException e) {
            throw node.error("must be a URL: " + e.getReason());
        }
    }
}
