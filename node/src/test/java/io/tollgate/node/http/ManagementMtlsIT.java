package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.TestCertificates;
import io.tollgate.node.testing.TestCertificates.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.tls.management_client_ca_file}: the management surface ({@code /api}, {@code /ui},
 * {@code /metrics}) answers 403 in OpenAI's error shape to a connection without a certificate of the management
 * CA, whatever the admin token and however the path is spelt; with one, the admin token still decides. Inference,
 * health and the virtual key's own quota route need no certificate.
 */
class ManagementMtlsIT {

    private static final String ADMIN = "mtls-admin-token-0000000001";
    private static final TestCertificates CERTIFICATES = TestCertificates.get();
    private static NodeHarness node;

    @BeforeAll
    static void start(@TempDir Path dir) {
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        Path ca = dir.resolve("ops-ca.pem");
        CERTIFICATES.server().writePem(cert, key);
        TestCertificates.write(ca, TestCertificates.pem(CERTIFICATES.ca()));
        node = NodeHarness.start("""
                server:
                  port: 0
                  tls: { cert_file: "%s", key_file: "%s", management_client_ca_file: "%s" }
                admin: { token: %s }
                providers: { mock: { type: mock } }
                """.formatted(cert, key, ca, ADMIN));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldRefuseManagementWithoutAClientCertificate() {
        for (String path : new String[] {"/api/cluster/status", "/api/governance/budgets", "/metrics", "/ui/"}) {
            HttpResponse<String> response = get(context(Optional.empty(), false), path, ADMIN);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(403);
            assertThat(json(response).at("/error/type").asText()).isEqualTo("permission_error");
            assertThat(json(response).at("/error/code").asText()).isEqualTo("client_certificate_required");
            assertThat(json(response).at("/error/message").asText())
                    .contains("server.tls.management_client_ca_file");
        }
    }

    @Test
    void shouldNotBeBypassedByAnotherSpellingOfTheSamePath() {
        for (String path : new String[] {"//api/cluster/status", "/./api/cluster/status",
            "/v1/../api/cluster/status", "/%61pi/cluster/status", "/api/cluster/status/", "/metrics/"}) {
            HttpResponse<String> response = get(context(Optional.empty(), false), path, ADMIN);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(403);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("client_certificate_required");
        }
    }

    @Test
    void shouldServeManagementToACertificateOfTheManagementCaWithTheToken() {
        SSLContext ops = context(Optional.of(CERTIFICATES.client()), false);
        HttpResponse<String> status = get(ops, "/api/cluster/status", ADMIN);
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(get(ops, "/metrics", ADMIN).statusCode()).isEqualTo(200);
        assertThat(get(ops, "/ui/", "").statusCode()).isEqualTo(200);
        HttpResponse<String> withoutToken = get(ops, "/api/cluster/status", "");
        assertThat(withoutToken.statusCode()).as("the certificate does not replace the admin token").isEqualTo(401);
    }

    /**
     * A client certificate of another CA: the server's certificate request names only the management CA, so the
     * JDK's client does not offer a certificate it cannot chain to it and goes on without one: 403. A client that
     * presents it anyway fails the handshake: the listener's trust manager refuses the chain and the server sends
     * the fatal alert {@code certificate_unknown}.
     */
    @Test
    void shouldRefuseACertificateOfAnotherCa() {
        HttpResponse<String> offeredNone = get(context(Optional.of(CERTIFICATES.stranger()), false),
                "/api/cluster/status", ADMIN);
        assertThat(offeredNone.statusCode()).as(offeredNone.body()).isEqualTo(403);
        assertThat(json(offeredNone).at("/error/code").asText()).isEqualTo("client_certificate_required");

        Throwable forced = catchThrowable(() -> get(context(Optional.of(CERTIFICATES.stranger()), true),
                "/api/cluster/status", ADMIN));
        assertThat(forced).isInstanceOf(UncheckedIOException.class).cause()
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("certificate_unknown");
    }

    @Test
    void shouldLeaveInferenceHealthAndQuotaAlone() {
        SSLContext anonymous = context(Optional.empty(), false);
        HttpResponse<String> chat = TestCertificates.send(anonymous,
                HttpRequest.newBuilder(uri("/v1/chat/completions")).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(get(anonymous, "/health", "").statusCode()).isEqualTo(200);
        assertThat(get(anonymous, "/v1/models", "").statusCode()).isEqualTo(200);
        HttpResponse<String> quota = get(anonymous, "/api/governance/virtual-keys/quota", "");
        assertThat(quota.statusCode()).as("the quota route asks for a virtual key, not a certificate")
                .isEqualTo(401);
    }

    private static SSLContext context(Optional<Identity> identity, boolean force) {
        return CERTIFICATES.clientContext(identity, force);
    }

    private static HttpResponse<String> get(SSLContext context, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (!token.isEmpty()) {
            request.header("authorization", "Bearer " + token);
        }
        return TestCertificates.send(context, request);
    }

    private static URI uri(String path) {
        return URI.create(node.url() + path);
    }
}
