package io.tollgate.node.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's AWS Signature Version 4 {@code Authorization} header the way S3 does, written from the S3 API
 * reference ("Authenticating Requests: Using the Authorization Header", "Signature Calculations for the
 * Authorization Header"), independently of the SDK signer the gateway uses: the header's form, the credential scope,
 * the date and its skew, the payload hash, then the signature over the canonical request (S3's canonical URI is the
 * path as sent, not encoded again or normalized). Stateless.
 *
 * @param accessKeyId the one access key id accepted
 * @param secretAccessKey its secret
 * @param region the region a scope must name
 */
public record SigV4Check(String accessKeyId, String secretAccessKey, String region) {

    /** An S3 error: its code and message, as the error document carries them. */
    public record Problem(int status, String code, String message) {
    }

    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/"
            + "([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    /**
     * The problem with a request, or empty when it is signed right.
     *
     * @param header the request's headers by lower-case name (several values joined by {@code ,})
     * @param now the server's time, for the skew check
     */
    public Optional<Problem> check(String method, String rawPath, String rawQuery, Function<String, String> header,
                                   byte[] body, Instant now) {
        String authorization = header.apply("authorization");
        if (authorization == null) {
            return problem(403, "AccessDenied", "Access Denied: no Authorization header");
        }
        Matcher auth = AUTHORIZATION.matcher(authorization.strip());
        if (!auth.matches()) {
            return problem(400, "AuthorizationHeaderMalformed", "The authorization header is malformed: "
                    + authorization);
        }
        if (!auth.group(1).equals(accessKeyId)) {
            return problem(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our"
                    + " records.");
        }
        if (!auth.group(3).equals(region) || !auth.group(4).equals("s3")) {
            return problem(400, "AuthorizationHeaderMalformed", "the region '" + auth.group(3) + "' or service '"
                    + auth.group(4) + "' is wrong; expecting '" + region + "' and 's3'");
        }
        List<String> signed = List.of(auth.group(5).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date") || !signed.contains("x-amz-content-sha256")
                || !signed.stream().sorted().toList().equals(signed)) {
            return problem(400, "AuthorizationHeaderMalformed", "SignedHeaders must be sorted and include host,"
                    + " x-amz-content-sha256 and x-amz-date: " + auth.group(5));
        }
        String amzDate = header.apply("x-amz-date");
        Instant at;
        try {
            at = Instant.from(AMZ_DATE.parse(String.valueOf(amzDate)));
        } catch (DateTimeParseException e) {
            return problem(403, "AccessDenied", "x-amz-date is missing or not yyyyMMddTHHmmssZ: " + amzDate);
        }
        if (!amzDate.startsWith(auth.group(2))) {
            return problem(403, "SignatureDoesNotMatch", "the credential scope's date is not x-amz-date's");
        }
        if (Duration.between(at, now).abs().compareTo(MAX_SKEW) > 0) {
            return problem(403, "RequestTimeTooSkewed", "The difference between the request time and the current"
                    + " time is too large.");
        }
        String payloadHash = header.apply("x-amz-content-sha256");
        if (payloadHash == null || !payloadHash.equals(UNSIGNED) && !payloadHash.equals(hex(sha256(body)))) {
            return problem(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not"
                    + " match what was computed.");
        }
        StringBuilder canonical = new StringBuilder().append(method).append('\n').append(rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signed) {
            String value = header.apply(name);
            if (value == null) {
                return problem(403, "SignatureDoesNotMatch", "signed header '" + name + "' is not in the request");
            }
            canonical.append(name).append(':').append(value.strip().replaceAll("\\s+", " ")).append('\n');
        }
        canonical.append('\n').append(auth.group(5)).append('\n').append(payloadHash);
        String scope = auth.group(2) + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(auth.group(2), region, "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        String expected = hex(hmac(key, toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.group(6).getBytes(StandardCharsets.US_ASCII))) {
            return problem(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the"
                    + " signature you provided. Check your key and signing method.");
        }
        return Optional.empty();
    }

    /** Query parameters decoded, encoded again by SigV4's rule, sorted by name then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(Map.entry(encode(decode(name)), encode(decode(value))));
        }
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        return String.join("&", pairs.stream().map(p -> p.getKey() + "=" + p.getValue()).toList());
    }

    /** SigV4's URI encoding: every byte but {@code A-Z a-z 0-9 - _ . ~} as {@code %XY}, upper-case hex. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** Percent-decoding (a {@code +} stays a plus, as S3 reads it). */
    public static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Optional<Problem> problem(int status, String code, String message) {
        return Optional.of(new Problem(status, code, message));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
