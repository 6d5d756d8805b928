package io.tollgate.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test double's signature check reproduces the S3 API reference's worked examples (Signature Version 4). */
class SigV4CheckTest {

    private static final SigV4Check DOCS = new SigV4Check("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
    private static final Instant DOCS_TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String GET_OBJECT = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
            + "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    @Test
    void shouldAcceptTheDocumentedGetObjectAndGetBucketLifecycleExamples() {
        assertThat(DOCS.check("GET", "/test.txt", null, headers(GET_OBJECT, "bytes=0-9"), new byte[0], DOCS_TIME))
                .isEmpty();
        String lifecycle = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                + " Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543";
        assertThat(DOCS.check("GET", "/", "lifecycle", headers(lifecycle, null), new byte[0], DOCS_TIME)).isEmpty();
    }

    @Test
    void shouldRefuseWhatS3Refuses() {
        assertThat(DOCS.check("GET", "/test.txt", null, headers(GET_OBJECT, "bytes=0-8"), new byte[0], DOCS_TIME))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("SignatureDoesNotMatch"));
        assertThat(DOCS.check("GET", "/test.txt", null, headers(GET_OBJECT, "bytes=0-9"), new byte[0],
                DOCS_TIME.plusSeconds(3600)))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("RequestTimeTooSkewed"));
        assertThat(DOCS.check("GET", "/test.txt", null, headers(GET_OBJECT, "bytes=0-9"), new byte[] {1},
                DOCS_TIME)).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("XAmzContentSHA256Mismatch"));
        assertThat(DOCS.check("GET", "/test.txt", null, headers(GET_OBJECT.replace("AKIAIOSFODNN7EXAMPLE",
                "AKIAOTHER"), "bytes=0-9"), new byte[0], DOCS_TIME))
                .hasValueSatisfying(p -> assertThat(p).isEqualTo(new SigV4Check.Problem(403, "InvalidAccessKeyId",
                        "The AWS Access Key Id you provided does not exist in our records.")));
        assertThat(DOCS.check("GET", "/test.txt", null, headers("Bearer abc", "bytes=0-9"), new byte[0], DOCS_TIME))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("AuthorizationHeaderMalformed"));
        assertThat(DOCS.check("GET", "/test.txt", null, name -> null, new byte[0], DOCS_TIME))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(403));
    }

    @Test
    void shouldCanonicalizeTheQueryAsSigV4Asks() {
        assertThat(SigV4Check.canonicalQuery("prefix=a%2Fb&list-type=2&max-keys=2")).isEqualTo(
                "list-type=2&max-keys=2&prefix=a%2Fb");
        assertThat(SigV4Check.canonicalQuery("continuation-token=dG9r+ZW4=")).isEqualTo(
                "continuation-token=dG9r%2BZW4%3D");
        assertThat(SigV4Check.encode("dt=2026-11-30/a b~")).isEqualTo("dt%3D2026-11-30%2Fa%20b~");
    }

    private static java.util.function.Function<String, String> headers(String authorization, String range) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("host", "examplebucket.s3.amazonaws.com",
                "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", "20130524T000000Z", "authorization",
                authorization));
        if (range != null) {
            headers.put("range", range);
        }
        return headers::get;
    }
}
