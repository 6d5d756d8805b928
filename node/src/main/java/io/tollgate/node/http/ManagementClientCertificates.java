package io.tollgate.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.node.pipeline.ErrorBodies;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.X509TrustManager;

/**
 * Mutual TLS for the management surface: a request to {@code /api/...}, the dashboard ({@code /ui...}) or
 * {@code /metrics} is answered 403 in OpenAI's error shape unless its connection presented a client certificate
 * that chains to one of the configured management CAs (checked again here with the CAs loaded last, not only by
 * the handshake). The quota route, which a virtual key reads about itself, and every inference route pass
 * untouched; the admin token is still checked after this by the routes themselves. The path is judged after
 * collapsing repeated slashes and resolving {@code .} and {@code ..}, so no spelling of a management path slips
 * through. Stateless; safe for concurrent requests.
 */
final class ManagementClientCertificates implements Filter {

    /** The roots of the management surface: each one and everything under it. */
    static final List<String> ROOTS = List.of("/api", "/ui", "/metrics");
    /** Under {@code /api/} but answered to a virtual key about itself: no client certificate needed. */
    static final String QUOTA = "/api/governance/virtual-keys/quota";

    private final Supplier<X509TrustManager> trust;

    ManagementClientCertificates(Supplier<X509TrustManager> trust) {
        this.trust = trust;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!isManagement(req.path().path()) || trusted(req.remotePeer().tlsCertificates())) {
            chain.proceed();
            return;
        }
        GatewayException refusal = GatewayException.of(ErrorKind.PERMISSION, "The management API needs a client "
                + "certificate issued by the configured management CA (server.tls.management_client_ca_file): "
                + "present one in the TLS handshake.").withCode("client_certificate_required");
        res.status(Status.FORBIDDEN_403)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(ErrorBodies.body(Dialect.OPENAI, refusal));
    }

    /** True for a path of the management surface, after normalizing it. */
    static boolean isManagement(String path) {
        String normal = normalize(path);
        if (normal.equals(QUOTA)) {
            return false;
        }
        return ROOTS.stream().anyMatch(root -> normal.equals(root) || normal.startsWith(root + "/"));
    }

    /** The path without empty or {@code .} segments and with {@code ..} resolved: a slash first, none last. */
    static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    private boolean trusted(Optional<Certificate[]> presented) {
        if (presented.isEmpty() || presented.get().length == 0) {
            return false;
        }
        X509Certificate[] chain = new X509Certificate[presented.get().length];
        for (int i = 0; i < chain.length; i++) {
            if (!(presented.get()[i] instanceof X509Certificate x509)) {
                return false;
            }
            chain[i] = x509;
        }
        try {
            trust.get().checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            return true;
        } catch (CertificateException | IllegalArgumentException untrusted) {
            return false;
        }
    }
}
