package io.tollgate.adapters.bedrock;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs Bedrock requests with AWS Signature Version 4, through the AWS SDK's {@code AwsV4HttpSigner} (no
 * hand-written crypto). Thread-safe: the record is immutable and the SDK signer is stateless.
 *
 * @param accessKeyId the AWS access key id
 * @param secretAccessKey the secret key; never shown by {@link #toString()}
 * @param sessionToken the session token of temporary credentials, empty for long-term keys
 * @param region the AWS region ({@code us-east-1})
 * @param service the signing name: {@code bedrock} for the Bedrock runtime ({@code bedrock-runtime.<region>} is
 *     only its host name)
 */
public record BedrockSigner(String accessKeyId, String secretAccessKey, String sessionToken, String region,
                            String service) {

    /** Bedrock's SigV4 signing name, for {@code bedrock} and {@code bedrock-runtime} endpoints alike. */
    public static final String SERVICE = "bedrock";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    public BedrockSigner {
        requireText(accessKeyId, "access_key_id");
        requireText(secretAccessKey, "secret_access_key");
        Objects.requireNonNull(sessionToken, "session_token");
        requireText(region, "region");
        requireText(service, "service");
    }

    /** A signer for the Bedrock runtime in a region. */
    public static BedrockSigner create(String accessKeyId, String secretAccessKey, String sessionToken,
                                       String region) {
        return new BedrockSigner(accessKeyId, secretAccessKey, sessionToken, region, SERVICE);
    }

    /**
     * Signs one request. The signature covers the method, the path (each segment encoded once more, as SigV4
     * asks of every service but S3), the query, the {@code host}, the given headers and the SHA-256 of the body.
     *
     * @param method the HTTP method
     * @param uri the absolute URL, its path already percent-encoded
     * @param headers headers to sign and send unchanged (for example {@code content-type}); names in any case
     * @param body the exact body bytes to send
     * @param at the signing time
     * @return the headers to add, lower-case names: {@code authorization}, {@code x-amz-date},
     *     {@code x-amz-content-sha256} (the SDK signer always signs the body's SHA-256 in this header) and,
     *     with a session token, {@code x-amz-security-token}
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, Instant at) {
        return sign(method, uri, headers, body, at, true);
    }

    /**
     * Signs one S3 request (a signer whose service is {@code s3}): as {@link #sign}, but the path is signed as sent,
     * neither encoded a second time nor normalized, as S3 requires.
     */
    public Map<String, String> signS3(String method, URI uri, Map<String, String> headers, byte[] body, Instant at) {
        return sign(method, uri, headers, body, at, false);
    }

    /**
     * Signs with or without the double URL encoding (and path normalization) that every service but S3 uses;
     * S3's conventions serve the tests against AWS's published S3 examples.
     */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body, Instant at,
                             boolean doubleUrlEncode) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = sessionToken.isEmpty()
                ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, doubleUrlEncode)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, doubleUrlEncode)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        Map<String, String> added = new TreeMap<>();
        signed.request().forEachHeader((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization") || lower.startsWith("x-amz-")) {
                added.put(lower, String.join(",", values));
            }
        });
        return added;
    }

    @Override
    public String toString() {
        return "BedrockSigner[accessKeyId=" + accessKeyId + ", region=" + region + ", service=" + service
                + (sessionToken.isEmpty() ? "" : ", session") + "]";
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("bedrock signer: '" + key + "' must not be empty");
        }
    }
}
