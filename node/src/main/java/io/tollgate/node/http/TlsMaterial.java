package io.tollgate.node.http;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.tollgate.config.ConfigException;
import io.tollgate.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One consistent load of the listener's TLS files, parsed from the bytes read in one pass (the bytes compared for
 * changes are the bytes parsed): the private key, its certificate chain, and the certificate authorities trusted
 * for management client certificates. PEM goes through Helidon's {@code Keys}, keystores through the JDK's
 * {@code KeyStore}; the key must match the chain's first certificate (a test signature says so), so a half-replaced
 * pair is refused instead of breaking handshakes. Immutable.
 *
 * @param key the listener's private key
 * @param chain its certificate chain, the listener's own certificate first
 * @param clientCas the management client certificate authorities; empty when management needs no certificate
 * @param clientTrust a trust manager over {@code clientCas}, empty when there are none
 */
record TlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas,
                   Optional<X509TrustManager> clientTrust) {

    private static final byte[] PROBE = "tollgate: does this key match this certificate?"
            .getBytes(StandardCharsets.UTF_8);

    TlsMaterial {
        chain = List.copyOf(chain);
        clientCas = List.copyOf(clientCas);
    }

    /**
     * Parses the files of {@code config} from {@code contents} (each file's bytes by path).
     *
     * @throws ConfigException naming {@code server.tls.<key>} of {@code source} and the file, when one cannot be used
     */
    static TlsMaterial load(TlsConfig config, Map<Path, byte[]> contents, String source) {
        PrivateKey key;
        List<X509Certificate> chain;
        String chainField;
        switch (config.keys()) {
            case TlsConfig.PemFiles pem -> {
                chainField = "cert_file";
                chain = pemCertificates(pem.certFile(), contents.get(pem.certFile()), source, chainField);
                key = pemKey(pem.keyFile(), contents.get(pem.keyFile()), source);
            }
            case TlsConfig.Keystore store -> {
                chainField = "keystore_file";
                KeyStore.PrivateKeyEntry entry = keystoreEntry(store, contents.get(store.file()), source);
                key = entry.getPrivateKey();
                chain = Arrays.stream(entry.getCertificateChain()).map(X509Certificate.class::cast).toList();
            }
        }
        if (!matches(key, chain.getFirst())) {
            throw error(source, chainField, "the private key does not match the certificate "
                    + describe(chain.getFirst()) + " (is one of the two files from another pair?)");
        }
        List<X509Certificate> cas = List.of();
        Optional<X509TrustManager> trust = Optional.empty();
        if (config.managementClientCaFile().isPresent()) {
            Path file = config.managementClientCaFile().get();
            cas = pemCertificates(file, contents.get(file), source, "management_client_ca_file");
            trust = Optional.of(trustManager(cas));
        }
        return new TlsMaterial(key, chain, cas, trust);
    }

    /** Helidon's TLS for the listener: this key and chain, and client certificates asked for when CAs are set. */
    Tls tls() {
        return Tls.create(builder -> {
            builder.privateKey(key).privateKeyCertChain(chain);
            if (!clientCas.isEmpty()) {
                builder.trust(clientCas).clientAuth(TlsClientAuth.OPTIONAL);
            }
        });
    }

    /** The served certificate, for log lines: subject, serial number and end of validity. */
    String served() {
        return describe(chain.getFirst());
    }

    private static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial "
                + certificate.getSerialNumber().toString(16) + ", valid until " + certificate.getNotAfter().toInstant()
                + ")";
    }

    private static List<X509Certificate> pemCertificates(Path file, byte[] bytes, String source, String field) {
        String problem = file + " holds no usable certificate (expected PEM '-----BEGIN CERTIFICATE-----' blocks)";
        try {
            List<X509Certificate> certificates = Keys.builder()
                    .pem(pem -> pem.certificates(Resource.create(file.toString(), bytes))).build().certs();
            if (certificates.isEmpty()) {
                throw error(source, field, problem);
            }
            return certificates;
        } catch (ConfigException none) {
            throw none;
        } catch (RuntimeException unreadable) {
            throw error(source, field, problem + ": " + reason(unreadable));
        }
    }

    private static PrivateKey pemKey(Path file, byte[] bytes, String source) {
        try {
            return Keys.builder().pem(pem -> pem.key(Resource.create(file.toString(), bytes))).build().privateKey()
                    .orElseThrow(() -> new IllegalArgumentException("no private key found"));
        } catch (RuntimeException unreadable) {
            throw error(source, "key_file", "cannot read a private key from " + file + " (expected an unencrypted "
                    + "PKCS#8 PEM key, '-----BEGIN PRIVATE KEY-----'): " + reason(unreadable));
        }
    }

    private static KeyStore.PrivateKeyEntry keystoreEntry(TlsConfig.Keystore store, byte[] bytes, String source) {
        char[] password = store.password().reveal().toCharArray();
        try {
            KeyStore keystore = KeyStore.getInstance(store.type());
            keystore.load(new ByteArrayInputStream(bytes), password);
            List<String> keyAliases = new ArrayList<>();
            for (String alias : java.util.Collections.list(keystore.aliases())) {
                if (keystore.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw error(source, "keystore_file", store.file() + " must hold exactly one private key entry, holds "
                        + keyAliases.size() + (keyAliases.isEmpty() ? "" : " (" + String.join(", ", keyAliases) + ")"));
            }
            KeyStore.Entry entry = keystore.getEntry(keyAliases.getFirst(),
                    new KeyStore.PasswordProtection(password));
            if (!(entry instanceof KeyStore.PrivateKeyEntry privateKey)) {
                throw error(source, "keystore_file", "the entry '" + keyAliases.getFirst() + "' of " + store.file()
                        + " is not a private key with a certificate chain");
            }
            for (Certificate certificate : privateKey.getCertificateChain()) {
                if (!(certificate instanceof X509Certificate)) {
                    throw error(source, "keystore_file", store.file() + " holds a certificate that is not X.509");
                }
            }
            return privateKey;
        } catch (IOException | GeneralSecurityException unreadable) {
            throw error(source, "keystore_file", "cannot open " + store.file() + " as a " + store.type()
                    + " keystore with keystore_password: " + reason(unreadable));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** True when {@code key} signs what the certificate's public key verifies; unknown key types pass. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException mismatch) {
            return false; // e.g. an EC key against an RSA certificate
        }
    }

    private static X509TrustManager trustManager(List<X509Certificate> cas) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's default trust manager factory has no X.509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager over the management client CAs", e);
        }
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static ConfigException error(String source, String field, String problem) {
        return new ConfigException(source, "server.tls." + field, problem);
    }
}
