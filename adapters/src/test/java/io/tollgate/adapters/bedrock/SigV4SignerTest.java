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
        Map<String, String> added = sign(S3_DOCS, Fixtures.text("sigv4/" + vector + ".req"),
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

        Map<String, String> added = sign(SUITE, Fixtures.text("sigv4/" + vector + ".req"), SUITE_TIME, true);

        assertThat(added.get("authorization")).startsWith(expected.substring(0, expected.indexOf("SignedHeaders="))
                + "SignedHeaders=" + suiteHeaders.replace("host;", "host;x-amz-content-sha256;") + ", Signature=");
        assertThat(added.get("x-amz-content-sha256")).isEqualTo(Fixtures.text("sigv4/" + vector + ".sha256"));
        assertThat(added.get("x-amz-date")).isEqualTo("20150830T123600Z");
        assertThat(added).doesNotContainKey("x-amz-security-token");
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

    /** Signs a fixture request: its request line, its headers but host and the date (the signer adds them). */
    private static Map<String, String> sign(BedrockSigner signer, String request, Instant at, boolean doubleEncode) {
        int blank = request.indexOf("\n\n");
        String head = blank < 0 ? request : request.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : request.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        String[] lines = head.split("\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String host = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1);
            if (name.equalsIgnoreCase("host")) {
                host = value;
            } else if (!name.equalsIgnoreCase("x-amz-date")) {
                headers.put(name, value);
            }
        }
        return signer.sign(requestLine[0], URI.create("https://" + host + requestLine[1]), headers, body, at,
                doubleEncode);
    }
}
