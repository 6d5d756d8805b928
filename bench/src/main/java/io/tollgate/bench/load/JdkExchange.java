package io.tollgate.bench.load;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests over the JDK's {@link HttpClient} (HTTP/1.1; the JDK pools keep-alive connections itself). */
final class JdkExchange implements Exchange {

    private final HttpClient client;
    private final ChatRequests requests;
    private final NanoClock clock;
    private final Duration timeout;

    private JdkExchange(ChatRequests requests, NanoClock clock, Duration timeout) {
        this.requests = requests;
        this.clock = clock;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static JdkExchange create(ChatRequests requests, NanoClock clock, Duration timeout) {
        return new JdkExchange(requests, clock, timeout);
    }

    @Override
    public Outcome send(long sequence) {
        HttpRequest request = HttpRequest.newBuilder(requests.url()).timeout(timeout)
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + requests.bearer())
                .POST(HttpRequest.BodyPublishers.ofByteArray(requests.body(sequence))).build();
        try {
            if (!requests.stream()) {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                return response.statusCode() == 200 ? new Outcome(true, -1, clock.nanoTime())
                        : Outcome.failed(clock.nanoTime());
            }
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    body.readAllBytes();
                    return Outcome.failed(clock.nanoTime());
                }
                long firstToken = ChatRequests.readStream(body, clock);
                return new Outcome(firstToken >= 0, firstToken, clock.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(clock.nanoTime());
        } catch (Exception e) {
            return Outcome.failed(clock.nanoTime());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
