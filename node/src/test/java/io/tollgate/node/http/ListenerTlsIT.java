package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.tls.Tls;
import io.tollgate.config.ConfigException;
import io.tollgate.config.Secret;
import io.tollgate.config.TlsConfig;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.TestCertificates;
import io.tollgate.node.testing.TestCertificates.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and reloading the listener's TLS files, one check at a time (no server, no waiting): a changed pair is
 * handed to the listener, and every kind of unusable file is refused with a warning that names the key, while the
 * previous certificate stays. Uses {@code keytool} processes for the certificates, hence an IT.
 */
class ListenerTlsIT {

    private static final String SOURCE = "test.yaml";
    private static final String LOGGER = ListenerTls.class.getName();

    private final TestCertificates certificates = TestCertificates.get();
    private final List<Tls> reloads = new ArrayList<>();
    @TempDir
    Path dir;
    private Path cert;
    private Path key;

    @BeforeEach
    void writeFirstPair() {
        cert = dir.resolve("chain.pem");
        key = dir.resolve("key.pem");
        certificates.server().writePem(cert, key);
    }

    @Test
    void shouldReloadAChangedPairAndNothingElse() {
        try (ListenerTls tls = ListenerTls.load(pem(), SOURCE, Clock.systemUTC())) {
            assertThat(tls.tls().enabled()).isTrue();
            assertThat(tls.served()).contains("O=first");

            tls.check(reloads::add);
            assertThat(reloads).as("unchanged files").isEmpty();

            certificates.rotated().writePem(cert, key);
            tls.check(reloads::add);
            assertThat(reloads).hasSize(1);
            assertThat(reloads.getFirst().enabled()).isTrue();
            assertThat(tls.served()).contains("O=rotated").contains(serial(certificates.rotated()));

            tls.check(reloads::add);
            assertThat(reloads).as("the same files again").hasSize(1);
        }
    }

    @Test
    void shouldKeepThePreviousCertificateWhenTheNewFilesCannotBeUsed() {
        try (ListenerTls tls = ListenerTls.load(pem(), SOURCE, Clock.systemUTC());
             CapturedLogs logs = CapturedLogs.install(LOGGER)) {
            TestCertificates.write(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
                    .getBytes(StandardCharsets.US_ASCII));
            tls.check(reloads::add);
            tls.check(reloads::add);
            assertThat(reloads).isEmpty();
            assertThat(tls.served()).contains("O=first");
            assertThat(warnings(logs)).singleElement().asString()
                    .contains("test.yaml: server.tls.key_file: cannot read a private key from " + key)
                    .contains("still serving 'CN=localhost,O=first'");

            // a pair replaced half-way: the new certificate with the old key
            certificates.server().writePem(dir.resolve("unused.pem"), key);
            TestCertificates.write(cert, TestCertificates.pem(certificates.rotated().chain()
                    .toArray(new java.security.cert.X509Certificate[0])));
            tls.check(reloads::add);
            assertThat(reloads).isEmpty();
            assertThat(warnings(logs)).hasSize(2).last().asString()
                    .contains("server.tls.cert_file: the private key does not match the certificate "
                            + "'CN=localhost,O=rotated");

            TestCertificates.write(cert, "garbage".getBytes(StandardCharsets.US_ASCII));
            tls.check(reloads::add);
            assertThat(warnings(logs)).hasSize(3).last().asString()
                    .contains("server.tls.cert_file: " + cert + " holds no usable certificate");

            Files.delete(key);
            tls.check(reloads::add);
            assertThat(warnings(logs)).hasSize(4).last().asString()
                    .contains("server.tls.key_file: cannot read " + key);
            assertThat(reloads).isEmpty();
            assertThat(tls.served()).contains("O=first");

            // the pair completed: served at the next check
            certificates.rotated().writePem(cert, key);
            tls.check(reloads::add);
            assertThat(reloads).hasSize(1);
            assertThat(tls.served()).contains("O=rotated");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldRefuseUnusableFilesAtStartNamingTheKey() {
        certificates.rotated().writePem(dir.resolve("other-chain.pem"), dir.resolve("other-key.pem"));
        assertThatThrownBy(() -> ListenerTls.load(new TlsConfig(new TlsConfig.PemFiles(cert,
                dir.resolve("other-key.pem")), Optional.empty(), 0), SOURCE, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: server.tls.cert_file: the private key does not match the "
                        + "certificate 'CN=localhost,O=first'");
        TestCertificates.write(key, TestCertificates.pem(certificates.server().certificate()));
        assertThatThrownBy(() -> ListenerTls.load(pem(), SOURCE, Clock.systemUTC()))
                .hasMessageStartingWith("test.yaml: server.tls.key_file: cannot read a private key from " + key
                        + " (expected an unencrypted PKCS#8 PEM key, '-----BEGIN PRIVATE KEY-----')");

        Path store = dir.resolve("server.p12");
        certificates.server().writeKeystore(store, "right-password");
        assertThatThrownBy(() -> ListenerTls.load(keystore(store, "wrong-password"), SOURCE, Clock.systemUTC()))
                .hasMessageStartingWith("test.yaml: server.tls.keystore_file: cannot open " + store
                        + " as a PKCS12 keystore with keystore_password: ");
        Path ca = dir.resolve("ca.pem");
        TestCertificates.write(ca, "no certificates here".getBytes(StandardCharsets.US_ASCII));
        certificates.server().writePem(cert, key);
        assertThatThrownBy(() -> ListenerTls.load(new TlsConfig(new TlsConfig.PemFiles(cert, key), Optional.of(ca),
                0), SOURCE, Clock.systemUTC()))
                .hasMessageStartingWith("test.yaml: server.tls.management_client_ca_file: " + ca
                        + " holds no usable certificate");
    }

    @Test
    void shouldLoadAndReloadAKeystore() {
        Path store = dir.resolve("server.p12");
        certificates.server().writeKeystore(store, "store-password");
        try (ListenerTls tls = ListenerTls.load(keystore(store, "store-password"), SOURCE, Clock.systemUTC())) {
            assertThat(tls.served()).contains("O=first");
            certificates.rotated().writeKeystore(store, "store-password");
            tls.check(reloads::add);
            assertThat(reloads).hasSize(1);
            assertThat(tls.served()).contains("O=rotated");
        }
    }

    @Test
    void shouldReloadWhenOnlyTheManagementCasChange() {
        Path ca = dir.resolve("ca.pem");
        TestCertificates.write(ca, TestCertificates.pem(certificates.ca()));
        try (ListenerTls tls = ListenerTls.load(new TlsConfig(new TlsConfig.PemFiles(cert, key), Optional.of(ca), 0),
                SOURCE, Clock.systemUTC())) {
            assertThat(tls.managementFilter()).isPresent();
            TestCertificates.write(ca, TestCertificates.pem(certificates.ca(), certificates.otherCa()));
            tls.check(reloads::add);
            assertThat(reloads).hasSize(1);
        }
    }

    private TlsConfig pem() {
        return new TlsConfig(new TlsConfig.PemFiles(cert, key), Optional.empty(), 0);
    }

    private static TlsConfig keystore(Path file, String password) {
        return new TlsConfig(new TlsConfig.Keystore(file, new Secret(password), "PKCS12"), Optional.empty(), 0);
    }

    private static String serial(Identity identity) {
        return identity.certificate().getSerialNumber().toString(16);
    }

    private static List<String> warnings(CapturedLogs logs) {
        return logs.lines().stream().filter(line -> line.startsWith(LOGGER + " WARNING")).toList();
    }
}
