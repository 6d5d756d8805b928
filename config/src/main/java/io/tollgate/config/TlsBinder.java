package io.tollgate.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds {@code server.tls}: PEM files ({@code cert_file} and {@code key_file}) or a keystore
 * ({@code keystore_file}, {@code keystore_password}, {@code keystore_type}), never both; the optional
 * {@code management_client_ca_file}; and {@code reload_interval_ms}. Every file must exist and be readable
 * here; whether its content is a usable certificate or key is checked by the node when it loads them, before it
 * listens. The keystore password is a secret: an unset variable in it is an error, and it is never shown.
 */
final class TlsBinder {

    /** Keys allowed under {@code server.tls}. */
    static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "keystore_file", "keystore_password",
            "keystore_type", "management_client_ca_file", "reload_interval_ms");

    private TlsBinder() {
    }

    static TlsConfig bind(ConfigNode node) {
        node.requireKeys(TLS_KEYS);
        Optional<ConfigNode> keystore = node.field("keystore_file");
        TlsConfig.Keys keys = keystore.isPresent() ? keystore(node, keystore.get()) : pem(node);
        Optional<Path> clientCa = node.field("management_client_ca_file").map(TlsBinder::file);
        long reloadIntervalMs = node.field("reload_interval_ms").map(value -> value.integer(0, 86_400_000L))
                .orElse(TlsConfig.DEFAULT_RELOAD_INTERVAL_MS);
        return node.build(TLS_KEYS, () -> new TlsConfig(keys, clientCa, reloadIntervalMs));
    }

    private static TlsConfig.Keys pem(ConfigNode node) {
        for (String keystoreOnly : new String[] {"keystore_password", "keystore_type"}) {
            if (node.field(keystoreOnly).isPresent()) {
                throw node.errorAt(keystoreOnly, "applies only with keystore_file");
            }
        }
        Optional<ConfigNode> cert = node.field("cert_file");
        Optional<ConfigNode> key = node.field("key_file");
        if (cert.isEmpty() && key.isEmpty()) {
            throw node.error("needs cert_file and key_file (PEM files) or keystore_file (leave server.tls out for "
                    + "plain HTTP)");
        }
        Path certFile = cert.map(TlsBinder::file)
                .orElseThrow(() -> node.errorAt("cert_file", "is required with key_file (the certificate chain, PEM)"));
        Path keyFile = key.map(TlsBinder::file)
                .orElseThrow(() -> node.errorAt("key_file",
                        "is required with cert_file (the private key, PKCS#8 PEM)"));
        return new TlsConfig.PemFiles(certFile, keyFile);
    }

    private static TlsConfig.Keys keystore(ConfigNode node, ConfigNode keystoreFile) {
        for (String pemOnly : new String[] {"cert_file", "key_file"}) {
            if (node.field(pemOnly).isPresent()) {
                throw node.errorAt(pemOnly, "cannot be combined with keystore_file: use PEM files or a keystore");
            }
        }
        Path file = file(keystoreFile);
        Secret password = node.field("keystore_password")
                .flatMap(value -> value.optionalSecret("must not be blank"))
                .orElseThrow(() -> node.errorAt("keystore_password", "is required with keystore_file"));
        String type = node.field("keystore_type").map(TlsBinder::keystoreType).orElse("PKCS12");
        return new TlsConfig.Keystore(file, password, type);
    }

    private static String keystoreType(ConfigNode node) {
        String type = node.nonBlankString().strip().toUpperCase(Locale.ROOT);
        Set<String> known = new TreeSet<>(Security.getAlgorithms("KeyStore"));
        if (!known.contains(type)) {
            throw node.error("must be a keystore type this JVM knows (" + String.join(", ", known) + "), was "
                    + ProblemText.quote(type));
        }
        return type;
    }

    /** A path to a regular file that this process can read. */
    private static Path file(ConfigNode node) {
        String text = node.nonBlankString();
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException invalid) {
            throw node.error("is not a valid path: " + invalid.getReason());
        }
        if (!Files.exists(path)) {
            throw node.error("no such file: " + path.toAbsolutePath());
        }
        if (!Files.isRegularFile(path)) {
            throw node.error("is not a regular file: " + path.toAbsolutePath());
        }
        if (!Files.isReadable(path)) {
            throw node.error("cannot be read by this process: " + path.toAbsolutePath());
        }
        return path;
    }
}
