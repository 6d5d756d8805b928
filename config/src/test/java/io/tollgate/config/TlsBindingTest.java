package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.tls}: PEM files or a keystore, never both, every file present and readable, the keystore password
 * a secret. The files' content is the node's to check (a binding test needs only files that exist).
 */
class TlsBindingTest {

    @TempDir
    Path dir;
    private Path cert;
    private Path key;
    private Path store;

    @BeforeEach
    void files() throws IOException {
        cert = Files.writeString(dir.resolve("chain.pem"), "certificates");
        key = Files.writeString(dir.resolve("key.pem"), "key");
        store = Files.writeString(dir.resolve("server.p12"), "keystore");
    }

    @Test
    void shouldHaveNoTlsWithoutTheSection() {
        assertThat(parse("server: { port: 0 }").server().tls()).isEmpty();
    }

    @Test
    void shouldBindPemFilesWithDefaults() {
        TlsConfig tls = parse(tls("cert_file: '%s', key_file: '%s'".formatted(cert, key))).server().tls().orElseThrow();
        assertThat(tls.keys()).isEqualTo(new TlsConfig.PemFiles(cert, key));
        assertThat(tls.managementClientCaFile()).isEmpty();
        assertThat(tls.reloadIntervalMs()).isEqualTo(5_000);
        assertThat(tls.files()).containsExactly(Map.entry("cert_file", cert), Map.entry("key_file", key));
    }

    @Test
    void shouldBindAKeystoreWhosePasswordComesFromTheEnvironment() {
        TlsConfig tls = parse(tls("keystore_file: '%s', keystore_password: '${KS_PASS}', keystore_type: jks, "
                + "management_client_ca_file: '%s', reload_interval_ms: 0").formatted(store, cert),
                Map.of("KS_PASS", "from-env")).server().tls().orElseThrow();
        TlsConfig.Keystore keystore = (TlsConfig.Keystore) tls.keys();
        assertThat(keystore.file()).isEqualTo(store);
        assertThat(keystore.password().reveal()).isEqualTo("from-env");
        assertThat(keystore.type()).isEqualTo("JKS");
        assertThat(tls.managementClientCaFile()).contains(cert);
        assertThat(tls.reloadIntervalMs()).isZero();
        assertThat(tls.files()).containsExactly(Map.entry("keystore_file", store),
                Map.entry("management_client_ca_file", cert));
        assertThat(tls.toString()).doesNotContain("from-env");
    }

    @Test
    void shouldRefuseMixedOrIncompleteForms() {
        assertThat(failure(tls("")))
                .isEqualTo("test.yaml: server.tls: needs cert_file and key_file (PEM files) or keystore_file "
                        + "(leave server.tls out for plain HTTP)");
        assertThat(failure(tls("cert_file: '%s'".formatted(cert))))
                .isEqualTo("test.yaml: server.tls.key_file: is required with cert_file (the private key, PKCS#8 PEM)");
        assertThat(failure(tls("key_file: '%s'".formatted(key))))
                .isEqualTo("test.yaml: server.tls.cert_file: is required with key_file (the certificate chain, PEM)");
        assertThat(failure(tls("cert_file: '%s', key_file: '%s', keystore_file: '%s', keystore_password: x"
                .formatted(cert, key, store))))
                .isEqualTo("test.yaml: server.tls.cert_file: cannot be combined with keystore_file: use PEM files or "
                        + "a keystore");
        assertThat(failure(tls("cert_file: '%s', key_file: '%s', keystore_password: x".formatted(cert, key))))
                .isEqualTo("test.yaml: server.tls.keystore_password: applies only with keystore_file");
        assertThat(failure(tls("keystore_file: '%s'".formatted(store))))
                .isEqualTo("test.yaml: server.tls.keystore_password: is required with keystore_file");
    }

    @Test
    void shouldNameTheFileThatCannotBeUsed() {
        Path missing = dir.resolve("missing.pem");
        assertThat(failure(tls("cert_file: '%s', key_file: '%s'".formatted(cert, missing))))
                .isEqualTo("test.yaml: server.tls.key_file: no such file: " + missing.toAbsolutePath());
        assertThat(failure(tls("cert_file: '%s', key_file: '%s'".formatted(dir, key))))
                .isEqualTo("test.yaml: server.tls.cert_file: is not a regular file: " + dir.toAbsolutePath());
        assertThat(failure(tls("cert_file: '%s', key_file: '%s', management_client_ca_file: '%s'"
                .formatted(cert, key, missing))))
                .isEqualTo("test.yaml: server.tls.management_client_ca_file: no such file: "
                        + missing.toAbsolutePath());
        assertThat(failure(tls("cert_file: '', key_file: '%s'".formatted(key))))
                .isEqualTo("test.yaml: server.tls.cert_file: must not be blank");
    }

    @Test
    void shouldRefuseBadValues() {
        assertThat(failure(tls("keystore_file: '%s', keystore_password: '${KS_PASS}'".formatted(store))))
                .isEqualTo("test.yaml: server.tls.keystore_password: environment variable KS_PASS is not set");
        assertThat(failure(tls("keystore_file: '%s', keystore_password: ''".formatted(store))))
                .isEqualTo("test.yaml: server.tls.keystore_password: must not be blank");
        assertThat(failure(tls("keystore_file: '%s', keystore_password: x, keystore_type: pkcs13".formatted(store))))
                .startsWith("test.yaml: server.tls.keystore_type: must be a keystore type this JVM knows (")
                .contains("PKCS12").endsWith("was \"PKCS13\"");
        assertThat(failure(tls("cert_file: '%s', key_file: '%s', reload_interval_ms: 50".formatted(cert, key))))
                .isEqualTo("test.yaml: server.tls.reload_interval_ms: must be 0 (never reload) or at least 100, "
                        + "was 50");
        assertThat(failure(tls("cert_file: '%s', key_file: '%s', client_ca_file: x".formatted(cert, key))))
                .isEqualTo("test.yaml: server.tls: unknown key 'client_ca_file', expected one of: cert_file, "
                        + "key_file, keystore_file, keystore_password, keystore_type, management_client_ca_file, "
                        + "reload_interval_ms");
    }

    private static String tls(String body) {
        return "server: { port: 0, tls: { " + body + " } }\n";
    }
}
