package io.tollgate.node.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One JSON POST of an HTTP channel (webhook, PagerDuty, Teams), bounded by a 10 s timeout, with the answer's status
 * and the first 4 KiB of its body (enough for the errors these services answer; more is never read).
 *
 * @param status the HTTP status
 * @param head the start of the body, as UTF-8 text
 */
record AlertPost(int status, String head) {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int HEAD_BYTES = 4096;

    /**
     * Posts {@code body} to {@code url}.
     *
     * @throws IOException when there is no answer (the client's own exception: the sender logs its class only, since
     *     its message may name the URL)
     */
    static AlertPost send(HttpClient http, URI url, byte[] body) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        try (InputStream in = response.body()) {
            return new AlertPost(response.statusCode(),
                    new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8));
        }
    }

    /** True for a 2xx status. */
    boolean ok() {
        return status / 100 == 2;
    }
}
