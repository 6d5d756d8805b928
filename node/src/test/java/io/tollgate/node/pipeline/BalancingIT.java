package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adaptive balancer through the gateway, against a fake upstream that tells the keys apart: shares follow the
 * weights, and a slow key loses its share. (Recovery of a key that is fast again takes its latency average's drift,
 * tens of seconds of real time: it is tested on a moved clock in {@code KeyBalancerSharesTest}.)
 */
@Timeout(120)
class BalancingIT {

    private static final String CHAT = "{\"model\":\"weighted/gpt-w\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";
    private static final String COMPLETION = """
            {"id":"chatcmpl-w","object":"chat.completion","created":1700000000,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""";

    private FakeUpstream upstream;
    private NodeHarness node;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  weighted:
                    type: openai
                    base_url: %s/v1
                    keys:
                      - { name: w1, value: sk-weighted-one-00000, weight: 1 }
                      - { name: w2, value: sk-weighted-two-00000, weight: 1 }
                      - { name: w4, value: sk-weighted-four-0000, weight: 2 }
                pricing:
                  weighted/gpt-w: { input: 1, output: 1 }
                governance: { enforce: false }
                """.formatted(upstream.url()));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void shouldShareTrafficByWeightWithin6PointsOver800Requests() throws Exception {
        upstream.on("/v1/chat/completions", Reply.json(200, COMPLETION));

        Map<String, Long> served = send(800, 8);

        assertThat(served.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(800);
        assertThat(share(served, "w1")).as("w1 of %s", served).isBetween(0.19, 0.31);
        assertThat(share(served, "w2")).as("w2 of %s", served).isBetween(0.19, 0.31);
        assertThat(share(served, "w4")).as("w4 (weight 2) of %s", served).isBetween(0.44, 0.56);
    }

    @Test
    void shouldSteerAwayFromAKeyThatIs200MillisecondsSlower() throws Exception {
        Reply fast = Reply.json(200, COMPLETION);
        upstream.on("/v1/chat/completions", Reply.byKey(Map.of("sk-weighted-four-0000", Reply.delayed(200, fast)),
                fast));
        send(100, 8); // the balancer learns the latencies

        Map<String, Long> served = send(400, 8);

        assertThat(share(served, "w4")).as("the slow weight-2 key (50 %% by weight) of %s", served).isLessThan(0.2);
    }

    /** Sends {@code count} chats from {@code clients} threads; how many each key served, by key name. */
    private Map<String, Long> send(int count, int clients) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<String>> keys = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                keys.add(pool.submit(() -> {
                    HttpResponse<String> response = node.post("/v1/chat/completions", CHAT);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    return response.headers().firstValue("x-tollgate-key").orElseThrow();
                }));
            }
            List<String> names = new java.util.ArrayList<>();
            for (Future<String> key : keys) {
                names.add(key.get());
            }
            return names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    private static double share(Map<String, Long> served, String key) {
        long total = served.values().stream().mapToLong(Long::longValue).sum();
        return served.getOrDefault(key, 0L) / (double) total;
    }
}
