package io.tollgate.node.testing;

import io.tollgate.adapters.bedrock.BedrockSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Reads a bucket the way a consumer of shipped logs would, over the S3 API (path style): ListObjectsV2, following
 * continuation tokens, and GetObject, each request signed with Signature Version 4.
 */
public final class S3TestClient {

    private static final byte[] EMPTY = new byte[0];

    private final URI endpoint;
    private final String bucket;
    private final BedrockSigner signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private S3TestClient(URI endpoint, String bucket, BedrockSigner signer) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.signer = signer;
    }

    /** A client of one bucket at a path-style endpoint. */
    public static S3TestClient create(URI endpoint, String bucket, String accessKeyId, String secretAccessKey,
                                      String region) {
        return new S3TestClient(endpoint, bucket, new BedrockSigner(accessKeyId, secretAccessKey, "", region, "s3"));
    }

    /** Every key with this prefix, in key order, read in pages of {@code pageSize}. */
    public List<String> list(String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String query = "list-type=2&max-keys=" + pageSize + "&prefix=" + SigV4Check.encode(prefix)
                    + (token == null ? "" : "&continuation-token=" + SigV4Check.encode(token));
            Document page = xml(send(URI.create(endpoint + "/" + bucket + "?" + query)));
            NodeList found = page.getElementsByTagName("Key");
            for (int i = 0; i < found.getLength(); i++) {
                keys.add(found.item(i).getTextContent());
            }
            boolean truncated = Boolean.parseBoolean(page.getElementsByTagName("IsTruncated").item(0)
                    .getTextContent());
            token = truncated ? page.getElementsByTagName("NextContinuationToken").item(0).getTextContent() : null;
        } while (token != null);
        return keys;
    }

    /** An object's bytes. */
    public byte[] get(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            path.append('/').append(SigV4Check.encode(segment));
        }
        return send(URI.create(endpoint + "/" + bucket + path));
    }

    private byte[] send(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        signer.signS3("GET", uri, Map.of(), EMPTY, Instant.now()).forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Document xml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IllegalStateException("not an XML document: " + e.getMessage(), e);
        }
    }
}
