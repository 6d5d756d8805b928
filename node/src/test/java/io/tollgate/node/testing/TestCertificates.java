package io.tollgate.node.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Certificates made at run time with the JDK's {@code keytool} (EC P-256, valid for three days), once per JVM: a
 * test CA, two server certificates it signed for {@code 127.0.0.1}/{@code localhost} (different names and serial
 * numbers, for rotation), a client certificate it signed, and a client certificate of another CA. Each comes with
 * its private key, and can be written as PEM files or a PKCS#12 keystore; SSL contexts for the JDK's HTTP client
 * trust the test CA and may present a client certificate, and {@link #send} sends a request with one.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";
    private static TestCertificates shared;

    private final Identity server;
    private final Identity rotated;
    private final Identity client;
    private final Identity stranger;
    private final X509Certificate ca;
    private final X509Certificate otherCa;

    /**
     * A private key with its certificate chain, own certificate first.
     *
     * @param key the private key
     * @param chain the chain
     */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {
        public Identity {
            chain = List.copyOf(chain);
        }

        /** The own certificate. */
        public X509Certificate certificate() {
            return chain.getFirst();
        }

        /** Writes the chain and the key (unencrypted PKCS#8) as PEM files. */
        public void writePem(Path certFile, Path keyFile) {
            write(certFile, pem(chain.toArray(new X509Certificate[0])));
            write(keyFile, block("PRIVATE KEY", key.getEncoded()));
        }

        /** Writes a PKCS#12 keystore holding this key and chain under the alias {@code tollgate}. */
        public void writeKeystore(Path file, String password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("tollgate", key, password.toCharArray(), chain.toArray(new Certificate[0]));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                store.store(out, password.toCharArray());
                write(file, out.toByteArray());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates(Path dir) {
        // step 1: the two CAs; step 2: each leaf in a copy of its CA's keystore (keytool signs from the same one)
        run(List.of(keytool(dir.resolve("ca.p12"), "ca", "CN=Tollgate Test CA", "-ext", "bc:c"),
                keytool(dir.resolve("other.p12"), "ca", "CN=Other Test CA", "-ext", "bc:c")));
        copy(dir, "ca.p12", "server.p12", "rotated.p12", "client.p12");
        copy(dir, "other.p12", "stranger.p12");
        String names = "SAN=ip:127.0.0.1,dns:localhost";
        run(List.of(
                keytool(dir.resolve("server.p12"), "leaf", "CN=localhost,O=first", "-signer", "ca", "-ext", names,
                        "-ext", "EKU=serverAuth"),
                keytool(dir.resolve("rotated.p12"), "leaf", "CN=localhost,O=rotated", "-signer", "ca", "-ext", names,
                        "-ext", "EKU=serverAuth"),
                keytool(dir.resolve("client.p12"), "leaf", "CN=ops", "-signer", "ca", "-ext", "EKU=clientAuth"),
                keytool(dir.resolve("stranger.p12"), "leaf", "CN=stranger", "-signer", "ca", "-ext",
                        "EKU=clientAuth")));
        this.ca = identity(dir.resolve("ca.p12"), "ca").certificate();
        this.otherCa = identity(dir.resolve("other.p12"), "ca").certificate();
        this.server = identity(dir.resolve("server.p12"), "leaf");
        this.rotated = identity(dir.resolve("rotated.p12"), "leaf");
        this.client = identity(dir.resolve("client.p12"), "leaf");
        this.stranger = identity(dir.resolve("stranger.p12"), "leaf");
    }

    /** The certificates of this JVM, made on first use (a few seconds: six {@code keytool} runs, four at once). */
    public static synchronized TestCertificates get() {
        if (shared == null) {
            shared = new TestCertificates(Path.of(NodeHarness.tempDir()));
        }
        return shared;
    }

    /** The test CA. */
    public X509Certificate ca() {
        return ca;
    }

    /** Another CA, which signed only {@link #stranger()}. */
    public X509Certificate otherCa() {
        return otherCa;
    }

    /** The first server certificate. */
    public Identity server() {
        return server;
    }

    /** The second server certificate: same names, another subject and serial number. */
    public Identity rotated() {
        return rotated;
    }

    /** A client certificate of the test CA. */
    public Identity client() {
        return client;
    }

    /** A client certificate of the other CA. */
    public Identity stranger() {
        return stranger;
    }

    /** PEM text of these certificates. */
    public static byte[] pem(X509Certificate... certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (X509Certificate certificate : certificates) {
            try {
                out.writeBytes(block("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toByteArray();
    }

    /**
     * A client context trusting the test CA that presents {@code identity}, if any. With {@code force}, the
     * certificate is presented whatever CAs the server names in its request (a normal client offers only one
     * issued by them).
     */
    public SSLContext clientContext(Optional<Identity> identity, boolean force) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            X509KeyManager[] keys = null;
            if (identity.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("me", identity.get().key(), PASSWORD.toCharArray(),
                        identity.get().chain().toArray(new Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, PASSWORD.toCharArray());
                X509KeyManager manager = (X509KeyManager) factory.getKeyManagers()[0];
                keys = new X509KeyManager[] {force ? new Presenting(manager) : manager};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} (30 s timeout) with a JDK client of this context, over HTTP/1.1. */
    public static HttpResponse<String> send(SSLContext context, HttpRequest.Builder request) {
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .build()) {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Offers its one key ({@code me}) to any server, whichever issuers the server asks for. */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;

        Presenting(X509KeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "me";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "me";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"me"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    private static byte[] block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Identity identity(Path keystore, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(Files.newInputStream(keystore), PASSWORD.toCharArray());
            PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
            List<X509Certificate> chain = Arrays.stream(store.getCertificateChain(alias))
                    .map(X509Certificate.class::cast).toList();
            return new Identity(key, chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + alias + " from " + keystore, e);
        }
    }

    private static List<String> keytool(Path keystore, String alias, String subject, String... extra) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-J-XX:TieredStopAtLevel=1", "-J-Xshare:auto", "-genkeypair", "-keystore",
                keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "3", "-alias", alias, "-dname", subject));
        command.addAll(List.of(extra));
        return command;
    }

    /** Runs these commands at once and waits for all; any failure is an error with its output. */
    private static void run(List<List<String>> commands) {
        List<Process> processes = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process process = processes.get(i);
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + commands.get(i) + "\n" + output);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            processes.forEach(Process::destroy);
        }
    }

    private static void copy(Path dir, String from, String... to) {
        for (String name : to) {
            try {
                Files.copy(dir.resolve(from), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Replaces {@code file} with {@code bytes} in one step (written beside it, then moved over it). */
    public static void write(Path file, byte[] bytes) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".tls-", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
