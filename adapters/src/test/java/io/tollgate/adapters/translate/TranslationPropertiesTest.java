package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * OpenAI &harr; Anthropic translation keeps the meaning. The generators stay inside what the translation maps
 * one to one; what it changes on purpose is left out of them, not asserted:
 * <ul>
 *   <li>one system message (several are joined with a blank line), no empty texts (dropped as empty blocks);</li>
 *   <li>{@code temperature} within [0, 1] (Anthropic's range; OpenAI's up to 2 is clamped), {@code top_p} below 1
 *       (a {@code top_p} of 1 next to a temperature is the no-op the translation drops);</li>
 *   <li>{@code stop} as a list (a string comes back as a one-element list), tools always with parameters (a tool
 *       without comes back with an empty object schema), no {@code n}, {@code reasoning_effort},
 *       {@code response_format}, images or cache_control;</li>
 *   <li>finish reasons that have an Anthropic twin ({@code function_call} comes back as {@code tool_calls}) and
 *       stop reasons that have an OpenAI twin ({@code stop_sequence}, {@code pause_turn} come back as
 *       {@code end_turn}, {@code model_context_window_exceeded} as {@code max_tokens});</li>
 *   <li>usage: cache writes come back as plain input (OpenAI has no cache-write count) and reasoning tokens as
 *       output (Anthropic counts thinking inside {@code output_tokens}); the totals are kept.</li>
 * </ul>
 */
class TranslationPropertiesTest {

    private static final long DEFAULT_MAX_TOKENS = 4096;

    @Property(tries = 300)
    void shouldKeepTheMeaningOfAChatRequestThroughAnthropicAndBack(@ForAll("chatRequests") ObjectNode request) {
        ObjectNode anthropic = OpenAiToAnthropic.request(request.deepCopy(), "claude-x", DEFAULT_MAX_TOKENS);
        ObjectNode back = AnthropicToOpenAi.request(anthropic, "gpt-x", false);

        assertThat(back.path("messages")).isEqualTo(normalized(request.path("messages")));
        assertThat(back.path("max_tokens").asLong())
                .isEqualTo(request.path("max_tokens").asLong(DEFAULT_MAX_TOKENS));
        for (String field : new String[] {"temperature", "top_p", "stop", "user", "tools"}) {
            assertThat(back.path(field)).as(field).isEqualTo(request.path(field));
        }
    }

    @Property(tries = 300)
    void shouldKeepTextToolCallsFinishReasonAndUsageOfACompletionThroughAnthropicAndBack(
            @ForAll("completions") ObjectNode completion) {
        ObjectNode message = AnthropicToOpenAi.response(completion, "claude-x");
        ObjectNode back = OpenAiToAnthropic.response(message, "gpt-x", "chatcmpl-1", 1L);

        JsonNode sent = completion.path("choices").path(0);
        JsonNode got = back.path("choices").path(0);
        assertThat(got.path("message")).isEqualTo(normalized(Json.array().add(sent.path("message"))).get(0));
        assertThat(got.path("finish_reason")).isEqualTo(sent.path("finish_reason"));
        JsonNode usage = completion.path("usage");
        JsonNode usageBack = back.path("usage");
        for (String field : new String[] {"prompt_tokens", "completion_tokens", "total_tokens"}) {
            assertThat(usageBack.path(field).asLong()).as(field).isEqualTo(usage.path(field).asLong());
        }
        assertThat(usageBack.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(usage.path("prompt_tokens_details").path("cached_tokens").asLong());
        assertNoNegativeCount(message.path("usage"));
        assertNoNegativeCount(usageBack);
    }

    @Property(tries = 300)
    void shouldKeepTextStopReasonAndUsageOfAMessageThroughOpenAiAndBack(@ForAll("messages") ObjectNode message) {
        ObjectNode completion = OpenAiToAnthropic.response(message, "gpt-x", "chatcmpl-abc", 1L);
        ObjectNode back = AnthropicToOpenAi.response(completion, "claude-x");

        assertThat(back.path("content")).isEqualTo(message.path("content"));
        assertThat(back.path("stop_reason")).isEqualTo(message.path("stop_reason"));
        JsonNode usage = message.path("usage");
        JsonNode usageBack = back.path("usage");
        long prompt = usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong()
                + usage.path("cache_creation_input_tokens").asLong();
        assertThat(usageBack.path("input_tokens").asLong() + usageBack.path("cache_read_input_tokens").asLong()
                + usageBack.path("cache_creation_input_tokens").asLong()).isEqualTo(prompt);
        assertThat(usageBack.path("cache_read_input_tokens")).isEqualTo(usage.path("cache_read_input_tokens"));
        assertThat(usageBack.path("output_tokens")).isEqualTo(usage.path("output_tokens"));
        assertNoNegativeCount(completion.path("usage"));
        assertNoNegativeCount(usageBack);
    }

    @Property(tries = 300)
    void shouldNeverReadANegativeUsage(@ForAll("anyUsage") ObjectNode usage) {
        for (var read : List.of(Usages.fromOpenAi(usage), Usages.fromAnthropic(usage))) {
            assertNoNegativeCount(Usages.toOpenAi(read));
            assertNoNegativeCount(Usages.toAnthropic(read));
        }
    }

    /**
     * Found by {@link #shouldNeverReadANegativeUsage}: a count beyond 2^63 (a JSON double) reads as
     * {@code Long.MAX_VALUE}, and the prompt's sum wrapped to a negative {@code prompt_tokens}; the sums in
     * {@code Usage} now saturate.
     */
    @Test
    void shouldNotWrapAnAbsurdCountIntoANegativeTotal() {
        ObjectNode usage = (ObjectNode) Json.parseLenient("""
                {"input_tokens": 1, "cache_creation": {"ephemeral_1h_input_tokens": 9.27372692193079E18}}""");

        JsonNode openAi = Usages.toOpenAi(Usages.fromAnthropic(usage));

        assertThat(openAi.path("prompt_tokens").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(openAi.path("total_tokens").asLong()).isEqualTo(Long.MAX_VALUE);
    }

    /** Every number in a usage object, nested details included, is at least 0. */
    private static void assertNoNegativeCount(JsonNode usage) {
        usage.properties().forEach(field -> {
            if (field.getValue().isObject()) {
                assertNoNegativeCount(field.getValue());
            } else if (field.getValue().isNumber()) {
                assertThat(field.getValue().asLong()).as(field.getKey()).isGreaterThanOrEqualTo(0);
            }
        });
    }

    /**
     * The messages as they come back: tool-call arguments as compact JSON, an assistant message without text has
     * {@code content: null}.
     */
    private static JsonNode normalized(JsonNode messages) {
        ArrayNode out = Json.array();
        for (JsonNode m : messages) {
            ObjectNode copy = m.deepCopy();
            if ("assistant".equals(m.path("role").asText()) && m.has("tool_calls")) {
                if (m.path("content").asText("").isEmpty()) {
                    copy.putNull("content");
                }
                for (JsonNode call : copy.path("tool_calls")) {
                    ObjectNode function = (ObjectNode) call.path("function");
                    function.put("arguments", Json.write(Json.parseLenient(function.path("arguments").asText())));
                }
            }
            out.add(copy);
        }
        return out;
    }

    // ---- generators ----

    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().withChars(' ', '\n', '"', '\\', 'é', '中')
                        .ofMinLength(1).ofMaxLength(40));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().alpha().numeric().withChars('_', '-').ofMinLength(1).ofMaxLength(20);
    }

    /** A JSON object of string, number, boolean and nested object values. */
    private static Arbitrary<ObjectNode> objects(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(texts().map(t -> Json.object().textNode(t)),
                Arbitraries.longs().map(n -> Json.object().numberNode(n)),
                Arbitraries.of(true, false).map(b -> Json.object().booleanNode(b)));
        Arbitrary<JsonNode> value = depth == 0 ? leaf : Arbitraries.oneOf(leaf, objects(depth - 1).map(o -> o));
        return Arbitraries.maps(names(), value).ofMaxSize(4).map(map -> {
            ObjectNode o = Json.object();
            map.forEach(o::set);
            return o;
        });
    }

    private static Arbitrary<ArrayNode> toolCalls() {
        return Combinators.combine(names(), names(), objects(1))
                .as((id, name, args) -> {
                    ObjectNode call = Json.object().put("id", "call_" + id).put("type", "function");
                    call.putObject("function").put("name", name).put("arguments", Json.write(args));
                    return call;
                })
                .list().ofMinSize(1).ofMaxSize(3).map(calls -> {
                    ArrayNode array = Json.array();
                    calls.forEach(array::add);
                    return array;
                });
    }

    /** One exchange: a user text, then an assistant text, or an assistant's tool calls and their results. */
    private static Arbitrary<List<ObjectNode>> turns() {
        Arbitrary<List<ObjectNode>> plain = Combinators.combine(texts(), texts()).as((user, assistant) -> List.of(
                Json.object().put("role", "user").put("content", user),
                Json.object().put("role", "assistant").put("content", assistant)));
        Arbitrary<List<ObjectNode>> tools = Combinators.combine(texts(), texts().optional(), toolCalls(),
                texts().list().ofSize(3)).as((user, said, calls, results) -> {
                    List<ObjectNode> turn = new ArrayList<>();
                    turn.add(Json.object().put("role", "user").put("content", user));
                    ObjectNode assistant = Json.object().put("role", "assistant");
                    if (said.isPresent()) {
                        assistant.put("content", said.get());
                    } else {
                        assistant.putNull("content");
                    }
                    assistant.set("tool_calls", calls);
                    turn.add(assistant);
                    for (int i = 0; i < calls.size(); i++) {
                        turn.add(Json.object().put("role", "tool").put("tool_call_id", calls.get(i).path("id")
                                .asText()).put("content", results.get(i)));
                    }
                    return turn;
                });
        return Arbitraries.oneOf(plain, tools);
    }

    @Provide
    Arbitrary<ObjectNode> chatRequests() {
        Arbitrary<ArrayNode> messages = Combinators.combine(texts().optional(), turns().list().ofMaxSize(3),
                texts()).as((system, exchanges, last) -> {
                    ArrayNode out = Json.array();
                    system.ifPresent(s -> out.addObject().put("role", "system").put("content", s));
                    exchanges.forEach(out::addAll);
                    out.addObject().put("role", "user").put("content", last);
                    return out;
                });
        Arbitrary<Optional<Double>> temperature = Arbitraries.doubles().between(0, 1).ofScale(2).optional();
        Arbitrary<Optional<Double>> topP = Arbitraries.doubles().between(0.01, 0.99).ofScale(2).optional();
        Arbitrary<Optional<Long>> maxTokens = Arbitraries.longs().between(1, 200_000).optional();
        Arbitrary<Optional<List<String>>> stop = texts().list().ofMinSize(1).ofMaxSize(4).optional();
        Arbitrary<Optional<ArrayNode>> tools = Combinators.combine(names(), texts().optional(), objects(1))
                .as((name, description, parameters) -> {
                    ObjectNode function = Json.object().put("type", "function").putObject("function");
                    function.put("name", name);
                    description.ifPresent(d -> function.put("description", d));
                    function.set("parameters", parameters);
                    return (JsonNode) function;
                })
                .list().ofMinSize(1).ofMaxSize(3)
                .map(list -> {
                    ArrayNode array = Json.array();
                    list.forEach(f -> array.addObject().put("type", "function").set("function", f));
                    return array;
                }).optional();
        return Combinators.combine(messages, temperature, topP, maxTokens, stop, tools, names().optional())
                .as((m, t, p, max, s, tl, user) -> {
                    ObjectNode request = Json.object().put("model", "gpt-x");
                    request.set("messages", m);
                    t.ifPresent(v -> request.put("temperature", v));
                    p.ifPresent(v -> request.put("top_p", v));
                    max.ifPresent(v -> request.put("max_tokens", v));
                    s.ifPresent(v -> v.forEach(request.withArray("stop")::add));
                    tl.ifPresent(v -> request.set("tools", v));
                    user.ifPresent(v -> request.put("user", v));
                    return request;
                });
    }

    private static Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000_000_000L),
                Arbitraries.longs().between(0, 1000));
    }

    @Provide
    Arbitrary<ObjectNode> completions() {
        Arbitrary<String> finish = Arbitraries.of("stop", "length", "tool_calls", "content_filter");
        return Combinators.combine(texts().optional(), toolCalls().optional(), finish, counts(), counts(),
                        counts(), counts())
                .as((text, calls, reason, prompt, completion, cached, reasoning) -> {
                    ObjectNode out = Json.object().put("id", "chatcmpl-1").put("object", "chat.completion");
                    ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
                    // no text and no calls would come back as an empty text; one of the two is always there
                    boolean hasText = text.isPresent() || calls.isEmpty();
                    ObjectNode message = ToolMappings.openAiAssistantMessage(hasText ? text.orElse("ok") : "",
                            calls.orElse(Json.array()));
                    choice.set("message", message);
                    choice.put("finish_reason", reason);
                    long p = prompt + cached;
                    long c = completion + reasoning;
                    ObjectNode usage = out.putObject("usage").put("prompt_tokens", p).put("completion_tokens", c)
                            .put("total_tokens", p + c);
                    usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
                    usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
                    return out;
                });
    }

    @Provide
    Arbitrary<ObjectNode> messages() {
        Arbitrary<String> stop = Arbitraries.of("end_turn", "max_tokens", "tool_use", "refusal");
        Arbitrary<ArrayNode> uses = toolCalls().map(calls -> {
            ArrayNode blocks = Json.array();
            for (JsonNode call : calls) {
                blocks.add(ToolMappings.anthropicToolUse(call.path("id").asText(),
                        call.path("function").path("name").asText(),
                        Json.parseLenient(call.path("function").path("arguments").asText())));
            }
            return blocks;
        });
        return Combinators.combine(texts().optional(), uses.optional(), stop, counts(), counts(), counts(),
                        counts(), counts())
                .as((text, toolUses, reason, input, read, write5m, write1h, output) -> {
                    ObjectNode out = Json.object().put("id", "msg_1").put("type", "message")
                            .put("role", "assistant");
                    ArrayNode content = out.putArray("content");
                    if (text.isPresent() || toolUses.isEmpty()) {
                        content.addObject().put("type", "text").put("text", text.orElse("ok"));
                    }
                    toolUses.ifPresent(content::addAll);
                    out.put("stop_reason", reason);
                    ObjectNode usage = out.putObject("usage").put("input_tokens", input)
                            .put("cache_creation_input_tokens", write5m + write1h)
                            .put("cache_read_input_tokens", read).put("output_tokens", output);
                    usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", write5m)
                            .put("ephemeral_1h_input_tokens", write1h);
                    return out;
                });
    }

    /** Any usage object an upstream might send: any field of either API, any long (negative too), or garbage. */
    @Provide
    Arbitrary<ObjectNode> anyUsage() {
        Arbitrary<String> fields = Arbitraries.of("prompt_tokens", "completion_tokens", "total_tokens",
                "prompt_cache_hit_tokens", "input_tokens", "output_tokens", "cache_read_input_tokens",
                "cache_creation_input_tokens");
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L)
                        .map(n -> Json.object().numberNode(n)),
                Arbitraries.doubles().map(d -> Json.object().numberNode(d)),
                texts().map(t -> Json.object().textNode(t)));
        Arbitrary<String> nested = Arbitraries.of("cached_tokens", "reasoning_tokens", "ephemeral_5m_input_tokens",
                "ephemeral_1h_input_tokens");
        return Combinators.combine(Arbitraries.maps(fields, values).ofMaxSize(5),
                Arbitraries.maps(nested, values).ofMaxSize(3)).as((top, inner) -> {
                    ObjectNode usage = Json.object();
                    top.forEach(usage::set);
                    for (String detail : List.of("prompt_tokens_details", "completion_tokens_details",
                            "cache_creation")) {
                        ObjectNode d = usage.putObject(detail);
                        inner.forEach(d::set);
                    }
                    return usage;
                });
    }
}
