package io.tollgate.adapters.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Whole responses as providers write them, for the replay tests. */
final class Answers {

    static final String TWENTY_WORDS = "The quick brown fox jumps over the lazy dog, then naps under the old oak tree"
            + " until supper time tonight.";

    static final String UNICODE = "Grüße aus Köln! 👋🏽 Ça va?\n\nNext line: 東京は晴れ — 1234567 €.\n👨‍👩‍👧 done";

    private Answers() {
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as a client reads it off the wire, so that int and long counts compare equal. */
    static JsonNode wire(JsonNode node) {
        return parse(Json.string(node));
    }

    static ObjectNode openAiText(String text) {
        ObjectNode whole = parse("""
                {"id":"chatcmpl-cached","object":"chat.completion","created":1741569952,"model":"gpt-4.1-2025-04-14",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"","refusal":null,"annotations":[]},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
                          "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                          "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}},
                 "service_tier":"default","system_fingerprint":"fp_44709d6fcb"}""");
        ((ObjectNode) whole.path("choices").path(0).path("message")).put("content", text);
        return whole;
    }

    static ObjectNode openAiToolCalls() {
        return parse("""
                {"id":"chatcmpl-B2wq","object":"chat.completion","created":1739980224,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"annotations":[],
                   "tool_calls":[
                     {"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function",
                      "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris, France\\"}"}},
                     {"id":"call_Kx3uWmF1fT7yqQ2cPpN4bLrD","type":"function",
                      "function":{"name":"get_weather","arguments":"{\\"location\\": \\"Bogotá, Colombia\\"}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":84,"completion_tokens":48,"total_tokens":132}}""");
    }

    static ObjectNode openAiTwoChoices() {
        return parse("""
                {"id":"chatcmpl-n2","object":"chat.completion","created":1739980300,"model":"gpt-4o-mini",
                 "choices":[
                   {"index":0,"message":{"role":"assistant","content":"Roses are red.","refusal":null,"annotations":[]},
                    "logprobs":null,"finish_reason":"stop"},
                   {"index":1,"message":{"role":"assistant","content":"Violets are","refusal":null,"annotations":[]},
                    "logprobs":null,"finish_reason":"length"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}""");
    }

    static ObjectNode anthropicText(String text) {
        ObjectNode whole = parse("""
                {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant",
                 "model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":""}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":2095,"cache_creation_input_tokens":12,"cache_read_input_tokens":1800,
                          "cache_creation":{"ephemeral_5m_input_tokens":12,"ephemeral_1h_input_tokens":0},
                          "output_tokens":503,"service_tier":"standard"}}""");
        ((ObjectNode) whole.path("content").path(0)).put("text", text);
        return whole;
    }

    static ObjectNode anthropicToolUse() {
        return parse("""
                {"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-opus-4-6",
                 "content":[
                   {"type":"text","text":"Okay, let me check both cities:"},
                   {"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather",
                    "input":{"location":"San Francisco, CA","unit":"fahrenheit","days":[1,2],"hourly":false}},
                   {"type":"tool_use","id":"toolu_01VfU5vzdZ3bhLtZmrHrQgXR","name":"get_time","input":{}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                          "output_tokens":89}}""");
    }

    static ObjectNode anthropicThinking() {
        return parse("""
                {"id":"msg_01Ghm5UfYaAMzbFF6qr4UtoH","type":"message","role":"assistant",
                 "model":"claude-sonnet-4-5-20250929",
                 "content":[
                   {"type":"thinking","thinking":"I need the GCD of 1071 and 462.\\n\\n1071 = 2 × 462 + 147\\nSo 21.",
                    "signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
                   {"type":"text","text":"The greatest common divisor (GCD) of 1071 and 462 is **21**."}],
                 "stop_reason":"stop_sequence","stop_sequence":"###",
                 "usage":{"input_tokens":48,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                          "output_tokens":142}}""");
    }
}
