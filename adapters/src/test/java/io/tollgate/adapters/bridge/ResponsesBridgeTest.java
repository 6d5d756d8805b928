package io.tollgate.adapters.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.translate.Usages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Responses requests both ways: natively to an OpenAI upstream (usage read from the Response and from its
 * {@code response.completed} event) and through chat to Anthropic and to a compatible server (tool calls, tool
 * results, reasoning summaries), with the cost of each usage to the nano-dollar.
 */
class ResponsesBridgeTest {

    /** $1/M input, $0.50/M cached, $2/M output and reasoning. */
    private static final Price GPT = new Price("openai/gpt", 1_000_000_000L, 500_000_000L, 0, 0, 2_000_000_000L,
            2_000_000_000L);
    /** $3/M input, $0.30/M cache reads, $3.75/M cache writes, $15/M output. */
    private static final Price CLAUDE = new Price("anthropic/claude", 3_000_000_000L, 300_000_000L, 3_750_000_000L,
            6_000_000_000L, 15_000_000_000L, 15_000_000_000L);
    private static final Bridge.Context CONTEXT = new Bridge.Context("req1", Operation.RESPONSES, "claude/c", "c-1",
            1_700_000_000L, 4096);

    @Test
    void shouldPassANativeRequestThroughAndReadItsUsage() {
        Bridge bridge = Bridge.forResponses(Dialect.OPENAI, true, tree("{\"model\":\"openai/gpt\",\"input\":\"Hi\"}"),
                CONTEXT);
        assertThat(Bridge.upstreamOperation(Operation.RESPONSES, true)).isEqualTo(Operation.RESPONSES);
        assertThat(new String(bridge.request(), StandardCharsets.UTF_8))
                .isEqualTo("{\"model\":\"c-1\",\"input\":\"Hi\"}");

        Bridge.Translated whole = bridge.response(bytes("""
                {"id":"resp_1","object":"response","output":[],"usage":{"input_tokens":1000,
                 "input_tokens_details":{"cached_tokens":400},"output_tokens":300,
                 "output_tokens_details":{"reasoning_tokens":100},"total_tokens":1300}}"""));
        assertThat(whole.usage()).isEqualTo(new Usage(600, 400, 0, 0, 200, 100));
        assertThat(GPT.cost(whole.usage()).nanos()).isEqualTo(1_400_000L);   // 600 + 200 + 400 + 200 micro-dollars

        StreamTranslator relay = bridge.stream();
        SseEvent delta = SseEvent.named("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
                + "\"delta\":\"Hi\"}");
        assertThat(relay.onEvent(delta)).containsExactly(delta);
        assertThat(relay.completed()).isFalse();
        relay.onEvent(SseEvent.named("response.completed", "{\"type\":\"response.completed\",\"response\":{"
                + "\"usage\":{\"input_tokens\":7,\"output_tokens\":3,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":1}}}}"));
        assertThat(relay.completed()).isTrue();
        assertThat(relay.usage()).isEqualTo(new Usage(7, 0, 0, 0, 2, 1));
        assertThat(GPT.cost(relay.usage()).nanos()).isEqualTo(13_000L);   // 7 × $1/M + 3 × $2/M
    }

    @Test
    void shouldTranslateToolResultsToAnthropicAndItsToolUseBack() {
        Bridge bridge = Bridge.forResponses(Dialect.ANTHROPIC, false, tree("""
                {"model":"claude/c","instructions":"Use tools","max_output_tokens":500,"input":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"type":"function_call","call_id":"toolu_1","name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                  {"type":"function_call_output","call_id":"toolu_1","output":"18C"}],
                 "tools":[{"type":"function","name":"weather","parameters":{"type":"object"}}]}"""), CONTEXT);
        assertThat(Bridge.upstreamOperation(Operation.RESPONSES, false)).isEqualTo(Operation.CHAT);

        JsonNode sent = Json.parseObject(bridge.request());
        assertThat(sent.path("model").asText()).isEqualTo("c-1");
        assertThat(sent.path("max_tokens").asLong()).isEqualTo(500);
        assertThat(sent.path("system").toString()).contains("Use tools");
        assertThat(sent.at("/messages/1/content/0").toString()).isEqualTo("{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                + "\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}");
        assertThat(sent.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(sent.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_1");
        assertThat(sent.at("/tools/0/input_schema").toString()).isEqualTo("{\"type\":\"object\"}");

        Bridge.Translated whole = bridge.response(bytes("""
                {"id":"msg_01","type":"message","role":"assistant","model":"c-1",
                 "content":[{"type":"text","text":"Checking."},
                            {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Rome"}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":100,"output_tokens":50,
                 "cache_creation_input_tokens":200,"cache_read_input_tokens":1000}}"""));
        JsonNode response = Json.parseObject(whole.body());
        assertThat(response.path("id").asText()).isEqualTo("resp_req1");
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(response.path("model").asText()).isEqualTo("claude/c");
        assertThat(response.at("/output/0/type").asText()).isEqualTo("message");
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Checking.");
        assertThat(response.at("/output/1").toString()).isEqualTo("{\"type\":\"function_call\",\"id\":\"fc_req1_0\","
                + "\"call_id\":\"toolu_2\",\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\","
                + "\"status\":\"completed\"}");
        assertThat(response.path("usage").toString()).isEqualTo("{\"input_tokens\":1300,\"input_tokens_details\":"
                + "{\"cached_tokens\":1000},\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":0},"
                + "\"total_tokens\":1350}");
        assertThat(whole.usage()).isEqualTo(new Usage(100, 1000, 200, 0, 50, 0));
        // 100 × $3/M + 1000 × $0.30/M + 200 × $3.75/M + 50 × $15/M = $0.0021
        assertThat(CLAUDE.cost(whole.usage()).nanos()).isEqualTo(2_100_000L);
    }

    @Test
    void shouldStreamAnAnthropicAnswerWithAToolCallAsResponsesEvents() {
        Bridge bridge = Bridge.forResponses(Dialect.ANTHROPIC, false, tree("""
                {"model":"claude/c","input":"Weather?","stream":true,
                 "tools":[{"type":"function","name":"weather","parameters":{"type":"object"}}]}"""), CONTEXT);
        StreamTranslator translator = bridge.stream();
        List<SseEvent> out = new ArrayList<>();
        for (String[] event : new String[][] {
            {"message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"c-1\",\"content\":[],\"usage\":{\"input_tokens\":25,"
                + "\"cache_read_input_tokens\":11,\"output_tokens\":1}}}"},
            {"content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                + "\"text\",\"text\":\"\"}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"Let me check.\"}}"},
            {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"},
            {"content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":"
                + "\"tool_use\",\"id\":\"toolu_9\",\"name\":\"weather\",\"input\":{}}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                + "\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                + "\"input_json_delta\",\"partial_json\":\"\\\"Rome\\\"}\"}}"},
            {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"},
            {"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                + "\"usage\":{\"output_tokens\":30}}"},
            {"message_stop", "{\"type\":\"message_stop\"}"}}) {
            out.addAll(translator.onEvent(SseEvent.named(event[0], event[1])));
        }
        out.addAll(translator.onEnd());

        assertThat(out).extracting(SseEvent::event).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < out.size(); i++) {
            JsonNode data = data(out.get(i));
            assertThat(data.path("type").asText()).isEqualTo(out.get(i).event());
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
        }
        assertThat(data(out.get(0)).at("/response/id").asText()).isEqualTo("resp_req1");
        assertThat(data(out.get(0)).at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(data(out.get(4)).path("delta").asText()).isEqualTo("Let me check.");
        assertThat(data(out.get(8)).at("/item/call_id").asText()).isEqualTo("toolu_9");
        assertThat(data(out.get(8)).path("output_index").asInt()).isEqualTo(1);
        assertThat(data(out.get(11)).path("arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
        JsonNode completed = data(out.get(13)).path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Let me check.");
        assertThat(completed.at("/output/1/arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(completed.at("/usage/input_tokens").asLong()).isEqualTo(36);
        assertThat(completed.at("/usage/input_tokens_details/cached_tokens").asLong()).isEqualTo(11);
        assertThat(completed.at("/usage/output_tokens").asLong()).isEqualTo(30);
        assertThat(translator.completed()).isTrue();
        assertThat(translator.usage()).isEqualTo(new Usage(25, 11, 0, 0, 30, 0));
        // 25 × $3/M + 11 × $0.30/M + 30 × $15/M = 75 + 3.3 + 450 micro-dollars
        assertThat(CLAUDE.cost(translator.usage()).nanos()).isEqualTo(528_300L);
    }

    @Test
    void shouldStreamACompatibleServersReasoningAsASummaryAndCutAtLength() {
        Bridge bridge = Bridge.forResponses(Dialect.OPENAI, false, tree("""
                {"model":"deepseek/r","input":"Think","stream":true,"max_output_tokens":5}"""), CONTEXT);
        JsonNode sent = Json.parseObject(bridge.request());
        assertThat(sent.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Think\"}]");
        assertThat(sent.path("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
        StreamTranslator translator = bridge.stream();
        List<SseEvent> out = new ArrayList<>();
        for (String chunk : List.of(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Hmm\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ok\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":4}}}",
                "[DONE]")) {
            out.addAll(translator.onEvent(SseEvent.data(chunk)));
        }
        out.addAll(translator.onEnd());

        assertThat(out).extracting(SseEvent::event).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.incomplete");
        JsonNode last = data(out.get(out.size() - 1)).path("response");
        assertThat(last.path("status").asText()).isEqualTo("incomplete");
        assertThat(last.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(last.at("/output/0/summary/0/text").asText()).isEqualTo("Hmm");
        assertThat(last.at("/usage/output_tokens_details/reasoning_tokens").asLong()).isEqualTo(4);
        assertThat(translator.usage()).isEqualTo(new Usage(9, 0, 0, 0, 1, 4));
        assertThat(GPT.cost(translator.usage()).nanos()).isEqualTo(19_000L);   // 9 × $1/M + 5 × $2/M
    }

    @Test
    void shouldWriteAndReadResponsesUsageAlike() {
        Usage usage = new Usage(600, 400, 0, 0, 200, 100);
        assertThat(Usages.fromResponses(Usages.toResponses(usage))).isEqualTo(usage);
        assertThat(Usages.fromResponses(tree("{\"input_tokens\":5,\"input_tokens_details\":{\"cached_tokens\":9}}")))
                .as("a cached count above the input is capped").isEqualTo(new Usage(0, 5, 0, 0, 0, 0));
        assertThat(Usages.fromResponses(null)).isEqualTo(Usage.ZERO);
    }

    private static JsonNode data(SseEvent event) {
        return Json.parseObject(event.data().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode tree(String json) {
        return Json.parseObject(bytes(json));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
