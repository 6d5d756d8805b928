package io.tollgate.node.http;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.http.Filter;
import io.tollgate.config.ConfigException;
import io.tollgate.config.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * TLS on the node's listener ({@code server.tls}): the files are loaded once before the node listens, then read
 * again every {@code reload_interval_ms} on a daemon thread of their own. When their bytes change, the new
 * certificate, key and client CAs are loaded and handed to the running listener ({@code WebServer.reloadTls}): new
 * handshakes use them, open connections keep theirs. A new set of files that cannot be used (unreadable, not PEM,
 * a key that does not match the certificate, a wrong keystore password) is logged as a warning, once per content,
 * and the previous certificate keeps serving; it is tried again when the files change again.
 */
public final class ListenerTls implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListenerTls.class.getName());

    private final TlsConfig config;
    private final String source;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tollgate-tls-reload").factory());
    private volatile TlsMaterial current;
    /** The files' bytes last tried, loaded or refused; touched by the poller thread only (and before it starts). */
    private Map<Path, byte[]> tried;
    private String lastProblem = "";

    private ListenerTls(TlsConfig config, String source, Clock clock, Map<Path, byte[]> contents,
                        TlsMaterial material) {
        this.config = config;
        this.source = source;
        this.clock = clock;
        this.tried = contents;
        this.current = material;
    }

    /**
     * Loads the files {@code config} names; {@code source} names the configuration file in errors.
     *
     * @throws ConfigException naming the {@code server.tls} key and the file that cannot be used
     */
    public static ListenerTls load(TlsConfig config, String source, Clock clock) {
        Map<Path, byte[]> contents = read(config, source);
        ListenerTls tls = new ListenerTls(config, source, clock, contents, TlsMaterial.load(config, contents, source));
        tls.warnIfExpired(tls.current);
        LOG.info(() -> "server.tls: serving " + tls.current.served()
                + tls.config.managementClientCaFile().map(ca -> "; management needs a client certificate from "
                + ca).orElse(""));
        return tls;
    }

    /** The TLS the listener starts with. */
    public Tls tls() {
        return current.tls();
    }

    /**
     * The routing filter that refuses management requests without a trusted client certificate, when
     * {@code management_client_ca_file} is set. It judges by the CAs loaded last.
     */
    public Optional<Filter> managementFilter() {
        return config.managementClientCaFile().map(ca -> new ManagementClientCertificates(() -> current.clientTrust()
                .orElseThrow(() -> new IllegalStateException("no management client CAs are loaded"))));
    }

    /** The certificate served now, as log lines show it: subject, serial number, end of validity. */
    String served() {
        return current.served();
    }

    /** Starts checking the files every {@code reload_interval_ms}, handing changed TLS to {@code reload}. */
    public void watch(Consumer<Tls> reload) {
        long interval = config.reloadIntervalMs();
        if (interval > 0) {
            poller.scheduleWithFixedDelay(() -> check(reload), interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** One check: reloads when the files' bytes differ from those last tried. Never throws. */
    void check(Consumer<Tls> reload) {
        try {
            Map<Path, byte[]> contents = read(config, source);
            if (same(contents, tried)) {
                return;
            }
            tried = contents;
            TlsMaterial material = TlsMaterial.load(config, contents, source);
            reload.accept(material.tls());
            current = material;
            lastProblem = "";
            LOG.info(() -> "server.tls: files changed, reloaded: now serving " + material.served());
            warnIfExpired(material);
        } catch (ConfigException unusable) {
            warnOnce(unusable.getMessage());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "server.tls: reloading failed; still serving " + current.served(), failed);
        }
    }

    private void warnOnce(String problem) {
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            LOG.warning(() -> problem + "; the new files are not used, still serving " + current.served());
        }
    }

    private void warnIfExpired(TlsMaterial material) {
        if (material.chain().getFirst().getNotAfter().toInstant().isBefore(clock.instant())) {
            LOG.warning(() -> "server.tls: the served certificate has expired: " + material.served());
        }
    }

    private static boolean same(Map<Path, byte[]> a, Map<Path, byte[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(entry -> Arrays.equals(entry.getValue(), b.get(entry.getKey())));
    }

    /** Every file's bytes by path; a file that cannot be read is a {@link ConfigException} naming its key. */
    private static Map<Path, byte[]> read(TlsConfig config, String source) {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : config.files().entrySet()) {
            try {
                contents.put(file.getValue(), Files.readAllBytes(file.getValue()));
            } catch (IOException | SecurityException e) {
                throw new ConfigException(source, "server.tls." + file.getKey(), "cannot read " + file.getValue()
                        + ": " + e);
            }
        }
        return contents;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
