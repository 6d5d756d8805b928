package io.tollgate.node.logship;

import io.tollgate.adapters.bedrock.BedrockSigner;
import io.tollgate.config.LogExportConfig;
import io.tollgate.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3-compatible bucket: PutObject over the JDK HTTP client, signed with AWS Signature Version 4 (service
 * {@code s3}, the payload's SHA-256 in {@code x-amz-content-sha256}) by the AWS SDK's signer. Addresses the bucket
 * path style ({@code endpoint/bucket/key}) or virtual-host style ({@code bucket.endpoint-host/key}). Thread-safe.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");

    private final LogExportConfig config;
    private final BedrockSigner signer;
    private final HttpClient http;
    private final Clock clock;

    private S3ObjectStore(LogExportConfig config, Clock clock) {
        this.config = config;
        this.signer = new BedrockSigner(config.accessKeyId(), config.secretAccessKey().reveal(),
                config.sessionToken().map(Secret::reveal).orElse(""), config.region(), "s3");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.min(config.timeoutMs(), 10_000))).build();
        this.clock = clock;
    }

    /** The bucket of this configuration; {@code clock} dates the signatures. */
    public static S3ObjectStore create(LogExportConfig config, Clock clock) {
        return new S3ObjectStore(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    /** The URL of an object: each key segment percent-encoded once, as S3 signs it. */
    URI objectUri(String key) {
        URI endpoint = config.endpoint();
        String port = endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
        if (config.pathStyle()) {
            return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + "/" + config.bucket() + "/"
                    + encodeKey(key));
        }
        return URI.create(endpoint.getScheme() + "://" + config.bucket() + "." + endpoint.getHost() + port + "/"
                + encodeKey(key));
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        URI uri = objectUri(key);
        Map<String, String> signed = signer.signS3("PUT", uri, Map.of("content-type", contentType), body,
                clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(config.timeoutMs()))
                .header("content-type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach(request::header);
        String where = "s3://" + config.bucket() + "/" + key;
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ObjectStoreException("uploading " + where + " to " + config.endpoint() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("uploading " + where + " was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ObjectStoreException("uploading " + where + " to " + config.endpoint() + " failed: HTTP "
                    + response.statusCode() + describe(response.body()));
        }
    }

    /** The S3 error code and message of an error document, when the body is one. */
    private static String describe(String body) {
        Matcher code = ERROR_CODE.matcher(body);
        if (!code.find()) {
            return "";
        }
        Matcher message = ERROR_MESSAGE.matcher(body);
        return " " + code.group(1) + (message.find() ? ": " + message.group(1) : "");
    }

    /** Percent-encodes every byte but the unreserved characters and {@code /}, upper-case hex (S3's rule). */
    static String encodeKey(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Stops at once: an upload under way is abandoned (its range is written again by the next run). */
    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + config.endpoint() + ", bucket=" + config.bucket() + ", pathStyle="
                + config.pathStyle() + "]";
    }
}
