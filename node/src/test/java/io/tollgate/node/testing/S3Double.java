package io.tollgate.node.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local S3-compatible object store for tests, written from the Amazon S3 API reference: PutObject
 * ({@code PUT /key}), GetObject ({@code GET /key}) and ListObjectsV2 ({@code GET /?list-type=2} with {@code prefix},
 * {@code max-keys} and {@code continuation-token}), on the JDK's HTTP server at 127.0.0.1. The bucket comes from the
 * {@code Host} header as S3 reads it: {@code bucket.localhost:port} is virtual-host style, {@code 127.0.0.1:port} or
 * {@code localhost:port} path style (the bucket is the path's first segment). Every request must carry a valid
 * Signature Version 4 {@code Authorization} header ({@link SigV4Check}); refusals are S3 error documents.
 *
 * <p>Faults for tests: refuse the next PUTs with a status, or store a PUT and then hold its response until
 * {@link #release()} (a client killed meanwhile never learns the object landed). Thread-safe.
 */
public final class S3Double implements AutoCloseable {

    private static final String VIRTUAL_HOST_SUFFIX = ".localhost";
    private static final Set<String> SERVICE_HOSTS = Set.of("127.0.0.1", "localhost");

    /**
     * One PutObject the double stored.
     *
     * @param bucket the bucket
     * @param key the object key
     * @param virtualHost whether it was addressed virtual-host style
     * @param md5 the body's MD5, hex (its ETag)
     */
    public record Put(String bucket, String key, boolean virtualHost, String md5) {
    }

    private final HttpServer server;
    private final SigV4Check auth;
    private final Map<String, NavigableMap<String, byte[]>> buckets = new ConcurrentHashMap<>();
    private final List<Put> puts = new CopyOnWriteArrayList<>();
    private final List<SigV4Check.Problem> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger failing = new AtomicInteger();
    private volatile int failStatus = 503;
    private final AtomicInteger storeBeforeHold = new AtomicInteger(-1);
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>(new CountDownLatch(0));

    private S3Double(HttpServer server, SigV4Check auth) {
        this.server = server;
        this.auth = auth;
    }

    /** Starts a double that accepts these credentials and region and holds these (empty) buckets. */
    public static S3Double start(String accessKeyId, String secretAccessKey, String region, String... buckets) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            S3Double s3 = new S3Double(server, new SigV4Check(accessKeyId, secretAccessKey, region));
            for (String bucket : buckets) {
                s3.buckets.put(bucket, new ConcurrentSkipListMap<>());
            }
            server.createContext("/", s3::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint for path-style addressing: {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The endpoint for virtual-host addressing: {@code http://localhost:port} (buckets at {@code b.localhost}). */
    public URI virtualHostEndpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The bucket's objects now, by key in key order. */
    public Map<String, byte[]> objects(String bucket) {
        return new LinkedHashMap<>(buckets.getOrDefault(bucket, new ConcurrentSkipListMap<>()));
    }

    /** Every PutObject stored so far, in order (a key written twice is here twice). */
    public List<Put> puts() {
        return List.copyOf(puts);
    }

    /** Every request refused so far, with the error it got (injected failures included). */
    public List<SigV4Check.Problem> refusals() {
        return List.copyOf(refusals);
    }

    /** Refuses the next {@code count} PutObject requests with {@code status} (a 503 is S3's SlowDown). */
    public void failNextPuts(int count, int status) {
        failStatus = status;
        failing.set(count);
    }

    /**
     * After {@code count} more PutObject requests, stores each further one and then holds its response until
     * {@link #release()}.
     */
    public void holdPutsAfter(int count) {
        hold.set(new CountDownLatch(1));
        storeBeforeHold.set(count);
    }

    /** How many responses are held now. */
    public int held() {
        return held.get();
    }

    /** Answers the held PutObject requests and holds no more. */
    public void release() {
        storeBeforeHold.set(-1);
        hold.get().countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            Optional<SigV4Check.Problem> problem = auth.check(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery(), name -> header(exchange, name), body, Instant.now());
            if (problem.isPresent()) {
                refuse(exchange, problem.get());
                return;
            }
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).toLowerCase(Locale.ROOT);
            String hostName = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
            String path = SigV4Check.decode(uri.getRawPath());
            String bucket;
            String key;
            boolean virtualHost = !SERVICE_HOSTS.contains(hostName);
            if (virtualHost && hostName.endsWith(VIRTUAL_HOST_SUFFIX)) {
                bucket = hostName.substring(0, hostName.length() - VIRTUAL_HOST_SUFFIX.length());
                key = path.substring(1);
            } else if (!virtualHost) {
                int slash = path.indexOf('/', 1);
                bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
                key = slash < 0 ? "" : path.substring(slash + 1);
            } else {
                refuse(exchange, new SigV4Check.Problem(400, "InvalidRequest", "unknown host " + host));
                return;
            }
            NavigableMap<String, byte[]> objects = buckets.get(bucket);
            if (objects == null) {
                refuse(exchange, new SigV4Check.Problem(404, "NoSuchBucket", "The specified bucket does not exist"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "PUT" -> put(exchange, objects, new Put(bucket, key, virtualHost, etag(body)), body);
                case "GET" -> {
                    if (key.isEmpty()) {
                        list(exchange, bucket, objects, query(uri.getRawQuery()));
                    } else {
                        get(exchange, objects, key);
                    }
                }
                default -> refuse(exchange, new SigV4Check.Problem(405, "MethodNotAllowed",
                        "The specified method is not allowed against this resource."));
            }
        }
    }

    private void put(HttpExchange exchange, NavigableMap<String, byte[]> objects, Put put, byte[] body)
            throws IOException {
        if (put.key().isEmpty()) {
            refuse(exchange, new SigV4Check.Problem(400, "InvalidRequest", "an object needs a key"));
            return;
        }
        if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refuse(exchange, new SigV4Check.Problem(failStatus, failStatus == 503 ? "SlowDown" : "InternalError",
                    "injected failure"));
            return;
        }
        objects.put(put.key(), body);
        puts.add(put);
        if (storeBeforeHold.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
            held.incrementAndGet();
            try {
                hold.get().await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        exchange.getResponseHeaders().set("ETag", "\"" + etag(body) + "\"");
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, NavigableMap<String, byte[]> objects, String key)
            throws IOException {
        byte[] body = objects.get(key);
        if (body == null) {
            refuse(exchange, new SigV4Check.Problem(404, "NoSuchKey", "The specified key does not exist."));
            return;
        }
        exchange.getResponseHeaders().set("ETag", "\"" + etag(body) + "\"");
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        send(exchange, 200, body);
    }

    /** ListObjectsV2: keys after the continuation token (a key, base64) with the prefix, in key order. */
    private void list(HttpExchange exchange, String bucket, NavigableMap<String, byte[]> objects,
                             Map<String, String> query) throws IOException {
        if (!"2".equals(query.get("list-type"))) {
            refuse(exchange, new SigV4Check.Problem(400, "InvalidArgument", "only list-type=2 is served"));
            return;
        }
        String prefix = query.getOrDefault("prefix", "");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        String after = Optional.ofNullable(query.get("continuation-token"))
                .map(token -> new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8))
                .orElse(query.getOrDefault("start-after", ""));
        List<Map.Entry<String, byte[]>> page = new ArrayList<>();
        boolean truncated = false;
        for (Map.Entry<String, byte[]> entry : objects.tailMap(after, false).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            if (page.size() == maxKeys) {
                truncated = true;
                break;
            }
            page.add(entry);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.append("<Name>").append(escape(bucket)).append("</Name><Prefix>").append(escape(prefix))
                .append("</Prefix><KeyCount>").append(page.size()).append("</KeyCount><MaxKeys>").append(maxKeys)
                .append("</MaxKeys><IsTruncated>").append(truncated).append("</IsTruncated>");
        for (Map.Entry<String, byte[]> entry : page) {
            xml.append("<Contents><Key>").append(escape(entry.getKey())).append("</Key><ETag>&quot;")
                    .append(etag(entry.getValue())).append("&quot;</ETag><Size>").append(entry.getValue().length)
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        if (truncated) {
            xml.append("<NextContinuationToken>").append(Base64.getEncoder().encodeToString(
                    page.getLast().getKey().getBytes(StandardCharsets.UTF_8))).append("</NextContinuationToken>");
        }
        xml.append("</ListBucketResult>");
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        send(exchange, 200, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void refuse(HttpExchange exchange, SigV4Check.Problem problem) throws IOException {
        refusals.add(problem);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + problem.code() + "</Code><Message>"
                + escape(problem.message()) + "</Message><RequestId>tollgate-s3-double</RequestId></Error>";
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        send(exchange, problem.status(), xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String header(HttpExchange exchange, String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null ? null : String.join(",", values);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(SigV4Check.decode(eq < 0 ? pair : pair.substring(0, eq)),
                        eq < 0 ? "" : SigV4Check.decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static String etag(byte[] body) {
        try {
            return SigV4Check.hex(java.security.MessageDigest.getInstance("MD5").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Releases held requests and stops the server. */
    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
