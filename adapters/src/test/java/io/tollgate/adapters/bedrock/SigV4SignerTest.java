package io.tollgate.adapters.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.translate.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BedrockSigner} against published SigV4 vectors (fixtures/sigv4, see its README). */
class SigV4SignerTest {

    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final BedrockSigner SUITE = new BedrockSigner("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", "us-east-1", "service");

    private static final BedrockSigner S3_DOCS = new BedrockSigner("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", "us-east-1", "s3");

    @ParameterizedTest
    @ValueSource(strings = {"s3-get-object", "s3-get-bucket-lifecycle"})
    void shouldReproduceTheS3DocumentationSignatures(String vector) {
        Map<String, String> added = sign(S3_DOCS, vector,
                Instant.parse("2013-05-24T00:00:00Z"), false);

        assertThat(added.get("authorization")).isEqualTo(Fixtures.text("sigv4/" + vector + ".authz"));
        assertThat(added.get("x-amz-date")).isEqualTo("20130524T000000Z");
        assertThat(added.get("x-amz-content-sha256"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query", "get-vanilla-query-order-key-case",
        "get-vanilla-empty-query-key", "post-vanilla", "post-x-www-form-urlencoded"})
    void shouldSignTheSuiteRequestsWithItsScopeHeadersAndPayloadHash(String vector) {
        String expected = Fixtures.text("sigv4/" + vector + ".authz");
        String suiteHeaders = expected.substring(expected.indexOf("SignedHeaders=") + "SignedHeaders=".length(),
                expected.indexOf(", Signature="));

        Map<String, String> added = sign(SUITE, vector, SUITE_TIME, true);

        assertThat(added.get("authorization")).startsWith(expected.substring(0, expected.indexOf("SignedHeaders="))
                + "SignedHeaders=" + suiteHeaders.replace("host;", "host;x-amz-content-sha256;") + ", Signature=");
        assertThat(added.get("x-amz-content-sha256")).isEqualTo(Fixtures.text("sigv4/" + vector + ".sha256"));
        assertThat(added.get("x-amz-date")).isEqualTo("20150830T123600Z");
        assertThat(added).doesNotContainKey("x-amz-security-token");
    }

    /** The oracle first earns its place: from the suite's requests it computes the suite's published signatures. */
    @ParameterizedTest
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query", "get-vanilla-query-order-key-case",
        "get-vanilla-empty-query-key", "post-vanilla", "post-x-www-form-urlencoded"})
    void shouldReproduceEveryPublishedSuiteSignatureWithTheSpecificationOracle(String vector) {
        Fixture fixture = Fixture.read(vector);
        String payloadHash = SigV4Reference.sha256Hex(fixture.body());

        String signature = SigV4Reference.signature(
                SigV4Reference.canonicalRequest(fixture.method(), fixture.uri(), fixture.headers(), payloadHash),
                "20150830T123600Z", "us-east-1", "service", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        assertThat(payloadHash).isEqualTo(Fixtures.text("sigv4/" + vector + ".sha256"));
        assertThat(signature).isEqualTo(signatureOf(Fixtures.text("sigv4/" + vector + ".authz")));
    }

    /**
     * Then the signer's signature over each suite request equals the oracle's over the very headers it signed (the
     * suite's plus {@code x-amz-content-sha256}, see the fixtures' README): the only difference from the published
     * signature is that header, not the algorithm.
     */
    @ParameterizedTest
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query", "get-vanilla-query-order-key-case",
        "get-vanilla-empty-query-key", "post-vanilla", "post-x-www-form-urlencoded"})
    void shouldSignEverySuiteRequestExactlyAsTheSpecificationOracle(String vector) {
        Fixture fixture = Fixture.read(vector);
        Map<String, String> added = sign(SUITE, vector, SUITE_TIME, true);
        Map<String, String> signedHeaders = new LinkedHashMap<>(fixture.headersToSign());
        signedHeaders.put("host", fixture.uri().getHost());
        signedHeaders.put("x-amz-date", added.get("x-amz-date"));
        signedHeaders.put("x-amz-content-sha256", added.get("x-amz-content-sha256"));

        String expected = SigV4Reference.signature(SigV4Reference.canonicalRequest(fixture.method(), fixture.uri(),
                        signedHeaders, SigV4Reference.sha256Hex(fixture.body())),
                "20150830T123600Z", "us-east-1", "service", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        assertThat(signatureOf(added.get("authorization"))).isEqualTo(expected);
    }

    /** The same oracle agrees with the signer on a Bedrock Converse call with temporary credentials. */
    @Test
    void shouldSignABedrockCallWithASessionTokenExactlyAsTheSpecificationOracle() {
        BedrockSigner signer = BedrockSigner.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "session-token", "eu-west-1");
        URI uri = URI.create("https://bedrock-runtime.eu-west-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse");
        byte[] body = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> added = signer.sign("POST", uri, Map.of("content-type", "application/json"), body,
                SUITE_TIME);
        Map<String, String> signedHeaders = new LinkedHashMap<>(added);
        signedHeaders.remove("authorization");
        signedHeaders.put("content-type", "application/json");
        signedHeaders.put("host", uri.getHost());
        // every service but S3 encodes the path's segments a second time: %3A becomes %253A
        URI canonical = URI.create("https://" + uri.getHost() + "/model/amazon.nova-lite-v1%253A0/converse");

        String expected = SigV4Reference.signature(SigV4Reference.canonicalRequest("POST", canonical, signedHeaders,
                SigV4Reference.sha256Hex(body)), "20150830T123600Z", "eu-west-1", "bedrock",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        assertThat(signatureOf(added.get("authorization"))).isEqualTo(expected);
    }

    @Test
    void shouldSignTheSessionTokenWhenOneIsGiven() {
        BedrockSigner signer = new BedrockSigner("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "session-token", "us-east-1", "service");

        Map<String, String> added = signer.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(),
                new byte[0], SUITE_TIME);

        assertThat(added.get("x-amz-security-token")).isEqualTo("session-token");
        assertThat(added.get("authorization"))
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, ");
    }

    @Test
    void shouldSignBedrockRequestsWithTheBedrockSigningName() {
        BedrockSigner signer = BedrockSigner.create("AKIDEXAMPLE", "secret", "", "eu-west-1");
        URI uri = URI.create("https://bedrock-runtime.eu-west-1.amazonaws.com"
                + BedrockConverse.path("anthropic.claude-3-5-sonnet-20240620-v1:0", false));

        Map<String, String> added = signer.sign("POST", uri, Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), SUITE_TIME);

        assertThat(uri.getRawPath()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
        assertThat(added.get("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/bedrock/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=");
        assertThat(signer.toString()).doesNotContain("secret");
    }

    @Test
    void shouldRefuseAnEmptySecret() {
        assertThatThrownBy(() -> BedrockSigner.create("AKID", " ", "", "us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bedrock signer: 'secret_access_key' must not be empty");
    }

    /** A fixture request: its request line, headers (as written, host and date included) and body. */
    private record Fixture(String method, URI uri, Map<String, String> headers, byte[] body) {

        static Fixture read(String vector) {
            String request = Fixtures.text("sigv4/" + vector + ".req");
            int blank = request.indexOf("\n\n");
            String head = blank < 0 ? request : request.substring(0, blank);
            byte[] body = blank < 0 ? new byte[0] : request.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
            String[] lines = head.split("\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
            String host = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("host"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            return new Fixture(requestLine[0], URI.create("https://" + host + requestLine[1]), headers, body);
        }

        /** The headers to hand the signer: all but host and the date, which the signer adds. */
        Map<String, String> headersToSign() {
            Map<String, String> given = new LinkedHashMap<>(headers);
            given.keySet().removeIf(name -> name.equalsIgnoreCase("host") || name.equalsIgnoreCase("x-amz-date"));
            return given;
        }
    }

    private static Map<String, String> sign(BedrockSigner signer, String vector, Instant at, boolean doubleEncode) {
        Fixture fixture = Fixture.read(vector);
        return signer.sign(fixture.method(), fixture.uri(), fixture.headersToSign(), fixture.body(), at,
                doubleEncode);
    }

    private static String signatureOf(String authorization) {
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }
}
