package io.tollgate.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Realistic OpenAI chat request bodies, the same in every run (the long history is drawn from a fixed sentence
 * pool with a fixed seed when a body is built, never at measurement time):
 * <ul>
 *   <li>{@value #SHORT_CHAT}: a system and a user message, about 40 tokens;</li>
 *   <li>{@value #LONG_CHAT}: about 4,000 tokens of multi-turn history (system, ten user/assistant pairs, a final
 *       question);</li>
 *   <li>{@value #TOOL_CALL}: three function tools with JSON-schema parameters, and in the history an assistant
 *       {@code tool_call}, its {@code tool} result, the assistant's answer and a follow-up question (it ends with a
 *       user message, so the response cache may keep it; a request ending with a tool result is never cached).</li>
 * </ul>
 * The last user message of each starts with {@code [ref 00000000]}: {@link Varying} rewrites those eight hex
 * digits in place, so a benchmark gets a new cache key per call at the same size.
 */
final class RequestBodies {

    /** A system and a user message (~40 tokens). */
    static final String SHORT_CHAT = "shortChat";
    /** ~4,000 tokens of multi-turn history. */
    static final String LONG_CHAT = "longChat";
    /** Three tools, an assistant tool call and its result in the history. */
    static final String TOOL_CALL = "toolCall";

    private static final String REF = "[ref ";
    private static final int DIGITS = 8;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> SENTENCES = List.of(
            "The billing service reads usage events from the queue and writes one invoice line per customer.",
            "We moved the nightly export to a streaming job, which cut its run time from forty minutes to six.",
            "Latency at the ninety-ninth percentile rose after the connection pool was shrunk to eight connections.",
            "The new retry policy backs off exponentially with jitter and gives up after five attempts.",
            "Our staging cluster has three nodes, each with four cores and sixteen gigabytes of memory.",
            "Customers on the enterprise plan can set a monthly budget and receive an alert at eighty percent.",
            "The schema migration adds a nullable column first, backfills it in batches, then adds the constraint.",
            "Error rates stayed below a tenth of a percent during the load test at two thousand requests per second.",
            "The cache keeps answers for an hour and is keyed by the model, the messages and the sampling parameters.",
            "A circuit breaker opens after ten consecutive failures and probes the upstream again after thirty seconds.",
            "The dashboard shows spend per team, per virtual key and per model, refreshed every minute.",
            "We store money as integer nano-dollars so that cheap models never round to zero.",
            "The on-call engineer traced the outage to an expired certificate on the internal load balancer.",
            "Requests carry a trace header so that the gateway span and the upstream span join in one trace.",
            "The product team wants weekly reports that compare the cost of each feature with its usage.",
            "Streaming responses are relayed chunk by chunk, and the usage arrives in the last chunk.");

    private RequestBodies() {
    }

    /** The three body names, as {@code @Param} values. */
    static List<String> names() {
        return List.of(SHORT_CHAT, LONG_CHAT, TOOL_CALL);
    }

    /**
     * The body of this name for this model, as bytes (UTF-8 JSON), with reference digits {@code 00000000}.
     *
     * @throws IllegalArgumentException naming the unknown body
     */
    static byte[] of(String name, String model) {
        ObjectNode body = switch (name) {
            case SHORT_CHAT -> shortChat(model);
            case LONG_CHAT -> longChat(model);
            case TOOL_CALL -> toolCall(model);
            default -> throw new IllegalArgumentException("body must be one of " + names() + ", was '" + name + "'");
        };
        return Json.bytes(body);
    }

    private static ObjectNode base(String model) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("temperature", 0.2);
        body.put("max_tokens", 256);
        return body;
    }

    private static String ref() {
        return REF + "0".repeat(DIGITS) + "] ";
    }

    private static ObjectNode shortChat(String model) {
        ObjectNode body = base(model);
        ArrayNode messages = body.putArray("messages");
        message(messages, "system", "You are a concise travel assistant. Answer in at most three sentences.");
        message(messages, "user", ref() + "Which neighbourhood of Lisbon is best for a first visit, and why?");
        return body;
    }

    private static ObjectNode longChat(String model) {
        ObjectNode body = base(model);
        ArrayNode messages = body.putArray("messages");
        message(messages, "system", "You are a senior engineer helping a team review the design and operation of "
                + "their billing platform. Be specific, cite the facts given earlier in the conversation, and say "
                + "when you are unsure.");
        Random random = new Random(8);
        for (int turn = 0; turn < 10; turn++) {
            message(messages, "user", "Question " + (turn + 1) + ": " + paragraph(random, 300));
            message(messages, "assistant", paragraph(random, 1_230));
        }
        message(messages, "user", ref() + "Given all of the above, what should we fix first, and how would we "
                + "know that the fix worked?");
        return body;
    }

    private static ObjectNode toolCall(String model) {
        ObjectNode body = base(model);
        ArrayNode messages = body.putArray("messages");
        message(messages, "system", "You are a travel agent. Use the tools to look up weather, flights and hotels "
                + "before you answer.");
        message(messages, "user", "What will the weather be like in Porto next Saturday?");
        ObjectNode call = messages.addObject();
        call.put("role", "assistant");
        call.putNull("content");
        ObjectNode toolCall = call.putArray("tool_calls").addObject();
        toolCall.put("id", "call_7f3a9c2e41b84d06");
        toolCall.put("type", "function");
        toolCall.putObject("function").put("name", "get_weather")
                .put("arguments", "{\"city\":\"Porto\",\"date\":\"2026-12-05\",\"unit\":\"celsius\"}");
        ObjectNode result = messages.addObject();
        result.put("role", "tool");
        result.put("tool_call_id", "call_7f3a9c2e41b84d06");
        result.put("content", "{\"city\":\"Porto\",\"date\":\"2026-12-05\",\"high\":14,\"low\":8,"
                + "\"conditions\":\"light rain in the morning, clearing in the afternoon\",\"wind_kmh\":18}");
        message(messages, "assistant", "Next Saturday in Porto: light rain in the morning, clearing in the "
                + "afternoon, between 8 and 14 °C, with a moderate wind.");
        message(messages, "user", ref() + "Then find me a flight from London on Friday evening and a hotel near "
                + "the river for two nights.");
        ArrayNode tools = body.putArray("tools");
        tools.add(tool("get_weather", "The weather forecast for a city on a date.",
                """
                {"type":"object","properties":{"city":{"type":"string","description":"City name"},
                "date":{"type":"string","format":"date"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
                "required":["city","date"],"additionalProperties":false}"""));
        tools.add(tool("search_flights", "Flights between two cities on a date, cheapest first.",
                """
                {"type":"object","properties":{"from":{"type":"string","description":"IATA code or city"},
                "to":{"type":"string","description":"IATA code or city"},"date":{"type":"string","format":"date"},
                "depart_after":{"type":"string","description":"HH:MM, local time"},
                "passengers":{"type":"integer","minimum":1,"maximum":9},
                "cabin":{"type":"string","enum":["economy","premium_economy","business","first"]}},
                "required":["from","to","date"],"additionalProperties":false}"""));
        tools.add(tool("book_hotel", "Hotels in a city for a stay, with price per night.",
                """
                {"type":"object","properties":{"city":{"type":"string"},"check_in":{"type":"string","format":"date"},
                "nights":{"type":"integer","minimum":1},"guests":{"type":"integer","minimum":1},
                "near":{"type":"string","description":"A landmark or area"},
                "max_price_per_night":{"type":"number"}},
                "required":["city","check_in","nights"],"additionalProperties":false}"""));
        body.put("tool_choice", "auto");
        return body;
    }

    private static ObjectNode tool(String name, String description, String schema) {
        ObjectNode tool = Json.object();
        tool.put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", name);
        function.put("description", description);
        function.set("parameters", Json.parseObject(schema.getBytes(StandardCharsets.UTF_8)));
        return tool;
    }

    private static void message(ArrayNode messages, String role, String content) {
        messages.addObject().put("role", role).put("content", content);
    }

    private static String paragraph(Random random, int chars) {
        StringBuilder text = new StringBuilder();
        while (text.length() < chars) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(SENTENCES.get(random.nextInt(SENTENCES.size())));
        }
        return text.toString();
    }

    /**
     * A body whose reference digits count up on every {@link #next()}: a request the cache has never seen, at the
     * same size, for 2<sup>32</sup> calls. The bytes are rewritten in place (the caller parses them before the
     * next call). Not thread-safe.
     */
    static final class Varying {

        private final byte[] bytes;
        private final int digits;
        private long counter;

        private Varying(byte[] bytes, int digits) {
            this.bytes = bytes;
            this.digits = digits;
        }

        /** A varying copy of this body. */
        static Varying of(byte[] body) {
            byte[] marker = REF.getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(body, marker);
            if (at < 0 || indexOf(body, marker, at + 1) >= 0) {
                throw new IllegalArgumentException("the body must hold exactly one '" + REF + "' marker");
            }
            return new Varying(body.clone(), at + marker.length);
        }

        /** The body with the next reference number. */
        byte[] next() {
            long n = ++counter;
            for (int i = DIGITS - 1; i >= 0; i--) {
                bytes[digits + i] = HEX[(int) (n & 0xf)];
                n >>>= 4;
            }
            return bytes;
        }

        private static int indexOf(byte[] data, byte[] marker) {
            return indexOf(data, marker, 0);
        }

        private static int indexOf(byte[] data, byte[] marker, int from) {
            outer:
            for (int i = from; i <= data.length - marker.length; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (data[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
