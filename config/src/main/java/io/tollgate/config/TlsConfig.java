package io.tollgate.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the HTTP listener ({@code server.tls}). The node loads the files before it listens and watches them
 * afterwards: a changed certificate, key or CA file is loaded again without a restart, and a new file that cannot
 * be used leaves the previous certificate serving.
 *
 * @param keys where the listener's certificate chain and private key come from
 * @param managementClientCaFile a PEM file of the certificate authorities whose client certificates may use the
 *     management API; when set, the listener asks every client for a certificate (optional at the TLS level) and
 *     the management routes refuse a request whose connection presented none that chains to one of them
 * @param reloadIntervalMs how often the files are checked for changes; 0 never
 */
public record TlsConfig(Keys keys, Optional<Path> managementClientCaFile, long reloadIntervalMs) {

    /** The default {@code reload_interval_ms}: five seconds. */
    public static final long DEFAULT_RELOAD_INTERVAL_MS = 5_000;
    /** The shortest {@code reload_interval_ms} other than 0. */
    public static final long MIN_RELOAD_INTERVAL_MS = 100;

    /** The listener's certificate chain and private key: PEM files or a keystore. */
    public sealed interface Keys permits PemFiles, Keystore {

        /** The files this form reads, by configuration key ({@code cert_file}...), in a fixed order. */
        Map<String, Path> files();
    }

    /**
     * PEM files.
     *
     * @param certFile the certificate chain, the listener's own certificate first
     * @param keyFile the private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
     */
    public record PemFiles(Path certFile, Path keyFile) implements Keys {
        public PemFiles {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }

        @Override
        public Map<String, Path> files() {
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("cert_file", certFile);
            files.put("key_file", keyFile);
            return Collections.unmodifiableMap(files);
        }
    }

    /**
     * A keystore holding exactly one private key entry (with its chain); the key's password is the keystore's.
     *
     * @param file the keystore file
     * @param password the keystore password
     * @param type the keystore type, upper case: {@code PKCS12} (the default) or {@code JKS}
     */
    public record Keystore(Path file, Secret password, String type) implements Keys {
        public Keystore {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(type, "type");
            type = type.toUpperCase(Locale.ROOT);
        }

        @Override
        public Map<String, Path> files() {
            return Map.of("keystore_file", file);
        }
    }

    public TlsConfig {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(managementClientCaFile, "managementClientCaFile");
        if (reloadIntervalMs != 0 && reloadIntervalMs < MIN_RELOAD_INTERVAL_MS) {
            throw new IllegalArgumentException("reload_interval_ms must be 0 (never reload) or at least "
                    + MIN_RELOAD_INTERVAL_MS + ", was " + reloadIntervalMs);
        }
    }

    /** Every file the listener reads, by configuration key: the keys' files, then the management client CAs. */
    public Map<String, Path> files() {
        Map<String, Path> files = new LinkedHashMap<>(keys.files());
        managementClientCaFile.ifPresent(ca -> files.put("management_client_ca_file", ca));
        return Collections.unmodifiableMap(files);
    }
}
