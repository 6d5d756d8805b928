package io.tollgate.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shipping the request log to S3-compatible object storage ({@code log_export} section): every row, once, as
 * gzip-compressed JSON lines, one object per UTC day of the rows in each exported range, under
 * {@code <prefix>/dt=YYYY-MM-DD/}.
 *
 * @param endpoint the object store's base URL, {@code https://s3.<region>.amazonaws.com} by default
 * @param bucket the bucket
 * @param prefix the key prefix, without leading or trailing {@code /}; may be empty
 * @param region the signing region
 * @param pathStyle {@code endpoint/bucket/key} when true, {@code bucket.endpoint-host/key} (virtual-host style)
 *     when false
 * @param intervalMs how often a node looks for rows to export (one node of the cluster exports at a time)
 * @param batchRows the most rows of one exported range (its objects are named after the range)
 * @param settleMs rows are exported once they were stored this long ago: the time a write may take to commit
 * @param timeoutMs the timeout of each upload
 * @param bodies whether rows carry their request and response bodies (when the log stores them)
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials
 */
public record LogExportConfig(URI endpoint, String bucket, String prefix, String region, boolean pathStyle,
                              long intervalMs, int batchRows, long settleMs, long timeoutMs, boolean bodies,
                              String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) {

    /** Defaults: a minute between runs, 10,000 rows a range, a minute to settle, 30 s uploads. */
    public static final long DEFAULT_INTERVAL_MS = 60_000;
    /** The default most rows of a range. */
    public static final int DEFAULT_BATCH_ROWS = 10_000;
    /** The default settling time. */
    public static final long DEFAULT_SETTLE_MS = 60_000;
    /** The default upload timeout. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "tollgate/request-log";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** Key characters S3 documents as safe, plus {@code =}. */
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*)?");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    public LogExportConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null
                || !(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
                || endpoint.getRawPath().equals("/")) || endpoint.getRawQuery() != null) {
            throw new IllegalArgumentException("endpoint must be an http or https URL without a path, was '"
                    + endpoint + "'");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("bucket must be 3 to 63 lower-case letters, digits, '.' or '-',"
                    + " starting and ending with a letter or digit, was '" + bucket + "'");
        }
        if (prefix.length() > 256 || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be at most 256 characters of letters, digits and"
                    + " !_.*'()=- in segments separated by single '/', was '" + prefix + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be lower-case letters, digits and '-', was '" + region
                    + "'");
        }
        if (!pathStyle && bucket.contains(".") && scheme.equals("https")) {
            throw new IllegalArgumentException("bucket '" + bucket + "' has dots, which a virtual-host style https"
                    + " name cannot carry under the endpoint's certificate; set path_style: true");
        }
        range("interval_ms", intervalMs, 1_000, 86_400_000);
        range("batch_rows", batchRows, 1, 1_000_000);
        range("settle_ms", settleMs, 1_000, 3_600_000);
        range("timeout_ms", timeoutMs, 1_000, 600_000);
        if (accessKeyId.isBlank()) {
            throw new IllegalArgumentException("access_key_id must not be blank");
        }
    }

    /** The default endpoint of a region: AWS S3's regional endpoint. */
    public static URI awsEndpoint(String region) {
        return URI.create("https://s3." + region + ".amazonaws.com");
    }

    /**
     * The name the export's position is kept under in the store: the endpoint's host and port, the bucket and the
     * prefix. Another name starts over from the first row the log keeps.
     */
    public String sink() {
        return "s3:" + endpoint.getAuthority().toLowerCase(Locale.ROOT) + "/" + bucket + "/" + prefix;
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    @Override
    public String toString() {
        return "LogExportConfig[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + ", region="
                + region + ", pathStyle=" + pathStyle + ", intervalMs=" + intervalMs + ", batchRows=" + batchRows
                + ", settleMs=" + settleMs + ", timeoutMs=" + timeoutMs + ", bodies=" + bodies + ", accessKeyId="
                + accessKeyId + ", secretAccessKey=" + secretAccessKey + ", sessionToken="
                + sessionToken.map(Secret::masked).orElse("none") + "]";
    }
}
