package io.tollgate.node.admin;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in web dashboard at {@code /ui}: static files from the class path, read once at start and served from
 * memory. Only the files named in {@link #FILES} are served (no path from the request reaches the class path). The
 * files hold no data and no token: the page asks for the admin token, keeps it in the browser's session storage and
 * sends it as a bearer token to the management API, like any other client. Every answer forbids framing, sniffing
 * and any script, style or connection from another origin (no CDN), and is not cached across deployments.
 */
final class Dashboard {

    /** Where the files are, under this class's package. */
    static final String ROOT = "ui/";
    /**
     * The files served, by the name they have under {@code /ui/}. The {@code vendor/} ones (the uPlot charting
     * library) are unpacked from their WebJar by the build, so the node never fetches anything at run time.
     */
    static final List<String> FILES = List.of("index.html", "app.js", "app.css", "vendor/uPlot.iife.min.js",
            "vendor/uPlot.min.css");
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName NO_SNIFF = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName REFERRER = HeaderNames.create("Referrer-Policy");

    private final Map<String, Asset> assets;

    private Dashboard(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** One file: its bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    /** Reads the files and adds {@code GET /ui}, {@code /ui/} and {@code /ui/<file>}. */
    static void register(HttpRouting.Builder routing) {
        Dashboard dashboard = new Dashboard(load());
        routing.get("/ui", (req, res) -> {
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, "/ui/");
            res.send();
        });
        routing.get("/ui/", (req, res) -> dashboard.send(res, "index.html"));
        routing.get("/ui/{file}", (req, res) -> dashboard.send(res, req.path().pathParameters().get("file")));
        routing.get("/ui/vendor/{file}", (req, res) -> dashboard.send(res,
                "vendor/" + req.path().pathParameters().get("file")));
    }

    /** The files, read from the class path; a missing one is a packaging error and stops the node. */
    static Map<String, Asset> load() {
        Map<String, Asset> loaded = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = Dashboard.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard file " + name + " is not on the class path");
                }
                loaded.put(name, new Asset(in.readAllBytes(), contentType(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dashboard file " + name, e);
            }
        }
        return Map.copyOf(loaded);
    }

    static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private void send(ServerResponse res, String name) {
        secure(res);
        Optional<Asset> asset = Optional.ofNullable(assets.get(name));
        if (asset.isEmpty()) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("Not found.");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.get().contentType());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(asset.get().bytes());
    }

    private static void secure(ServerResponse res) {
        res.header(CSP, CONTENT_SECURITY_POLICY);
        res.header(FRAME_OPTIONS, "DENY");
        res.header(NO_SNIFF, "nosniff");
        res.header(REFERRER, "no-referrer");
    }
}
