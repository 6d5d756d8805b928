package io.tollgate.bench.load;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * Requests over Helidon's WebClient: HTTP/1.1, keep-alive, idle connections cached up to the in-flight cap (so the
 * pool never holds more connections than the generator can use at once).
 */
final class HelidonExchange implements Exchange {

    private final WebClient client;
    private final ChatRequests requests;
    private final NanoClock clock;

    private HelidonExchange(ChatRequests requests, NanoClock clock, int connections, Duration timeout) {
        this.requests = requests;
        this.clock = clock;
        this.client = WebClient.builder()
                .protocolPreference(List.of("http/1.1"))
                .keepAlive(true)
                .connectionCacheSize(connections)
                .shareConnectionCache(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .build();
    }

    static HelidonExchange create(ChatRequests requests, NanoClock clock, int connections, Duration timeout) {
        return new HelidonExchange(requests, clock, connections, timeout);
    }

    @Override
    public Outcome send(long sequence) {
        try (HttpClientResponse response = client.post(requests.url().toString())
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .header(HeaderNames.AUTHORIZATION, "Bearer " + requests.bearer())
                .submit(requests.body(sequence))) {
            if (response.status().code() != 200) {
                response.entity().consume();
                return Outcome.failed(clock.nanoTime());
            }
            if (!requests.stream()) {
                response.entity().as(byte[].class);
                return new Outcome(true, -1, clock.nanoTime());
            }
            InputStream body = response.entity().inputStream();
            long firstToken = ChatRequests.readStream(body, clock);
            return new Outcome(firstToken >= 0, firstToken, clock.nanoTime());
        } catch (Exception e) {
            return Outcome.failed(clock.nanoTime());
        }
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
