package io.tollgate.adapters.bedrock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test oracle: Signature Version 4 written step by step from AWS's specification ("Create a canonical request",
 * "Create a string to sign", "Derive a signing key", "Calculate the signature"), with the JDK's SHA-256 and
 * HMAC-SHA256. It exists only to check {@link BedrockSigner} (which signs with the AWS SDK) against the published
 * test suite: first the oracle reproduces the suite's own signatures, then the SDK's signatures must equal the
 * oracle's over the same request. Enough of the specification for the suite's vectors: paths of one segment
 * without dot segments, query values without characters to encode twice.
 */
final class SigV4Reference {

    private SigV4Reference() {
    }

    /** The canonical request: method, URI, query, headers (lower-case names, trimmed values), signed names, hash. */
    static String canonicalRequest(String method, URI uri, Map<String, String> headers, String payloadHash) {
        Map<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.merge(name.toLowerCase(Locale.ROOT),
                value.strip().replaceAll(" +", " "), (a, b) -> a + "," + b));
        String rawQuery = uri.getRawQuery();
        String query = rawQuery == null || rawQuery.isEmpty() ? "" : canonicalQuery(rawQuery);
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return method + "\n" + path + "\n" + query + "\n"
                + canonical.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n")
                        .collect(Collectors.joining())
                + "\n" + String.join(";", canonical.keySet()) + "\n" + payloadHash;
    }

    /** The signature of a canonical request, in hex. */
    static String signature(String canonicalRequest, String amzDate, String region, String service, String secret) {
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String canonicalQuery(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(eq < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
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
}
