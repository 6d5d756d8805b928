package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.tls} end to end: the node serves the mock provider over HTTPS from PEM files and from a keystore
 * whose password comes from the environment, and a certificate replaced on disk is served by new handshakes within
 * the reload interval, without a restart, while a broken replacement leaves the previous one serving; so are new
 * management CAs.
 */
class TlsIT {

    private static final String ADMIN = "tls-admin-token-000000000001";
    private static final String CHAT =
            "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final TestCertificates certificates = TestCertificates.get();
    @TempDir
    Path dir;

    @Test
    void shouldServeChatOverHttpsFromPemFiles() {
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        certificates.server().writePem(cert, key);
        try (NodeHarness node = NodeHarness.start("""
                server:
                  port: 0
                  tls: { cert_file: "%s", key_file: "%s" }
                providers: { mock: { type: mock } }
                """.formatted(cert, key))) {
            assertThat(node.url()).startsWith("https://127.0.0.1:");
            HttpResponse<String> response = chat(node);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("Mock reply to: hi");
            assertThat(served(node)).isEqualTo(certificates.server().certificate());
        }
    }

    @Test
    void shouldServeFromAKeystoreWhosePasswordComesFromTheEnvironment() {
        Path store = dir.resolve("server.p12");
        certificates.server().writeKeystore(store, "from-the-environment");
        try (NodeHarness node = NodeHarness.start("""
                server:
                  port: 0
                  tls: { keystore_file: "%s", keystore_password: "${TLS_KEYSTORE_PASSWORD}" }
                providers: { mock: { type: mock } }
                """.formatted(store), Map.of("TLS_KEYSTORE_PASSWORD", "from-the-environment"))) {
            HttpResponse<String> response = chat(node);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(served(node)).isEqualTo(certificates.server().certificate());
        }
    }

    @Test
    void shouldServeAReplacedCertificateWithoutRestartAndKeepItWhenTheNextIsBroken() {
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        certificates.server().writePem(cert, key);
        try (CapturedLogs logs = CapturedLogs.install(ListenerTls.class.getName());
             NodeHarness node = NodeHarness.start("""
                server:
                  port: 0
                  tls: { cert_file: "%s", key_file: "%s", reload_interval_ms: 200 }
                providers: { mock: { type: mock } }
                """.formatted(cert, key))) {
            assertThat(served(node)).isEqualTo(certificates.server().certificate());

            certificates.rotated().writePem(cert, key);
            Await.until("the rotated certificate is served", Duration.ofSeconds(10),
                    () -> served(node).equals(certificates.rotated().certificate()));
            assertThat(chat(node).statusCode()).isEqualTo(200);

            TestCertificates.write(key, "not a key at all".getBytes(StandardCharsets.US_ASCII));
            Await.until("the broken key file is reported", Duration.ofSeconds(10), () -> logs.lines().stream()
                    .anyMatch(line -> line.contains("WARNING test.yaml: server.tls.key_file: cannot read a private key")
                            && line.contains("still serving 'CN=localhost,O=rotated'")));
            assertThat(served(node)).isEqualTo(certificates.rotated().certificate());
            HttpResponse<String> response = chat(node);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Test
    void shouldTrustTheManagementCasOfTheReloadedFile() {
        Path cert = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        Path ca = dir.resolve("ops-ca.pem");
        certificates.server().writePem(cert, key);
        TestCertificates.write(ca, TestCertificates.pem(certificates.ca()));
        try (NodeHarness node = NodeHarness.start("""
                server:
                  port: 0
                  tls: { cert_file: "%s", key_file: "%s", management_client_ca_file: "%s", reload_interval_ms: 200 }
                admin: { token: %s }
                providers: { mock: { type: mock } }
                """.formatted(cert, key, ca, ADMIN))) {
            assertThat(status(node, certificates.client())).isEqualTo(200);
            assertThat(status(node, certificates.stranger())).isEqualTo(403);

            TestCertificates.write(ca, TestCertificates.pem(certificates.otherCa()));
            Await.until("the other CA's client is let in", Duration.ofSeconds(10),
                    () -> status(node, certificates.stranger()) == 200);
            assertThat(status(node, certificates.client())).isEqualTo(403);
        }
    }

    /** The status of the cluster status route for a client presenting {@code identity} and the admin token. */
    private int status(NodeHarness node, TestCertificates.Identity identity) {
        return TestCertificates.send(certificates.clientContext(Optional.of(identity), false),
                HttpRequest.newBuilder(URI.create(node.url() + "/api/cluster/status"))
                        .header("authorization", "Bearer " + ADMIN)).statusCode();
    }

    private HttpResponse<String> chat(NodeHarness node) {
        return TestCertificates.send(certificates.clientContext(Optional.empty(), false),
                HttpRequest.newBuilder(URI.create(node.url() + "/v1/chat/completions"))
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT)));
    }


    /** The certificate a new handshake gets (a fresh context each time, so no session is resumed). */
    private X509Certificate served(NodeHarness node) {
        try (SSLSocket socket = (SSLSocket) certificates.clientContext(Optional.empty(), false).getSocketFactory()
                .createSocket("127.0.0.1", node.node().port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
