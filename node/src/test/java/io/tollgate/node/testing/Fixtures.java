package io.tollgate.node.testing;

import java.util.List;

/** Upstream bodies and configurations shared by the node's integration tests. */
public final class Fixtures {

    /** A provider key value that must never show up anywhere the client or logs can see. */
    public static final String OPENAI_SECRET = "sk-fake-openai-secret-0123456789";
    /** Same, for the Anthropic-type provider. */
    public static final String ANTHROPIC_SECRET = "sk-ant-fake-secret-0123456789";

    /** A virtual key without limits that the SDK tests present, as applications do. */
    public static final String SDK_KEY = "tg-sdk-00000000000000001";

    private Fixtures() {
    }

    /**
     * A configuration with the mock, an OpenAI-type provider {@code fake} and an Anthropic-type provider
     * {@code claude} both aimed at the fake upstream, and {@code dead} aimed at a closed port. No retries and a
     * circuit that practically never opens, so each test sees the upstream's own answer to its one call.
     */
    public static String config(FakeUpstream upstream, int closedPort) {
        return """
                server: { host: 127.0.0.1, port: 0, max_body_bytes: 4096 }
                providers:
                  mock: { type: mock }
                  fake:
                    type: openai
                    base_url: %1$s/v1
                    keys: [ { name: k1, value: %2$s } ]
                    timeouts: { connect_ms: 1000, first_byte_ms: 1500, total_ms: 4000 }
                    retries: { max: 0 }
                    circuit_breaker: { consecutive_failures: 1000, error_rate_percent: 100, window: 56 }
                  claude:
                    type: anthropic
                    base_url: %1$s
                    keys: [ { name: main, value: %3$s } ]
                    timeouts: { connect_ms: 1000, first_byte_ms: 1500, total_ms: 4000 }
                    retries: { max: 0 }
                    circuit_breaker: { consecutive_failures: 1000, error_rate_percent: 100, window: 56 }
                  dead:
                    type: openai
                    base_url: http://127.0.0.1:%4$d/v1
                    keys: [ { name: k, value: none } ]
                pricing:
                  mock/echo: { input: 0.15, output: 0.60 }
                  fake/gpt-test: { input: "1.00", output: "2.00", cached_input: "0.50", reasoning: "2.00" }
                  claude/claude-test: { input: 3, output: 15, cached_input: 0.30, cache_write: 3.75 }
                governance:
                  enforce: false
                  virtual_keys: [ { name: sdk, value: %5$s } ]
                """.formatted(upstream.url(), OPENAI_SECRET, ANTHROPIC_SECRET, closedPort, SDK_KEY);
    }

    /** A loopback port nothing listens on. */
    public static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OpenAI chat completion as the API documents it, with cached and reasoning tokens. */
    public static final String OPENAI_COMPLETION = """
            {"id":"chatcmpl-abc","object":"chat.completion","created":1700000000,"model":"gpt-test-2025-01-01",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1000,"completion_tokens":300,"total_tokens":1300,
                      "prompt_tokens_details":{"cached_tokens":400},
                      "completion_tokens_details":{"reasoning_tokens":100}},
             "system_fingerprint":"fp_1"}""";

    /** An OpenAI stream with text, a finish chunk, the usage chunk and [DONE]. */
    public static final List<String> OPENAI_STREAM = List.of(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2,\"total_tokens\":22}}\n\n",
            "data: [DONE]\n\n");

    /** An Anthropic message as the API documents it, with prompt-cache tokens. */
    public static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-test",
             "content":[{"type":"text","text":"Hello from Claude"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":100,"output_tokens":50,"cache_creation_input_tokens":200,
                      "cache_read_input_tokens":1000}}""";

    /** An Anthropic stream: message_start, ping, one text block in two deltas, message_delta, message_stop. */
    public static final List<String> ANTHROPIC_STREAM = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n",
            "event: ping\ndata: {\"type\":\"ping\"}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
}
