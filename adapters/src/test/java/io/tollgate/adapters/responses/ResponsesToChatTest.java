package io.tollgate.adapters.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponsesToChatTest {

    @Test
    void shouldTurnInstructionsAndAStringInputIntoSystemAndUserMessages() {
        ObjectNode chat = ResponsesToChat.request(tree("""
                {"model":"claude/c","instructions":"Be brief","input":"Hi","max_output_tokens":300,
                 "temperature":0.5,"stream":true}"""));

        assertThat(chat.toString()).isEqualTo("{\"model\":\"claude/c\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":0.5,"
                + "\"max_completion_tokens\":300,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void shouldTurnItemsIntoMessagesWithToolCallsAndToolResults() {
        ObjectNode chat = ResponsesToChat.request(tree("""
                {"model":"m","input":[
                  {"role":"developer","content":"Use tools"},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"Weather in "},
                     {"type":"input_text","text":"Paris and Rome?"},
                     {"type":"input_image","image_url":"data:image/png;base64,AAAA"}]},
                  {"type":"reasoning","id":"rs_1","summary":[]},
                  {"type":"function_call","call_id":"call_1","name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                  {"type":"function_call","call_id":"call_2","name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"},
                  {"type":"function_call_output","call_id":"call_1","output":"18C"},
                  {"type":"function_call_output","call_id":"call_2","output":"21C"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Paris 18C"}]}],
                 "tools":[{"type":"function","name":"weather","description":"Weather",
                           "parameters":{"type":"object"},"strict":true}],
                 "tool_choice":{"type":"function","name":"weather"},
                 "reasoning":{"effort":"low","summary":"auto"},
                 "text":{"format":{"type":"json_schema","name":"w","schema":{"type":"object"},"strict":true}}}"""));

        JsonNode messages = chat.path("messages");
        assertThat(messages).hasSize(6);
        assertThat(messages.get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Use tools\"}");
        assertThat(messages.get(1).path("content").get(1).toString()).isEqualTo("{\"type\":\"text\","
                + "\"text\":\"Paris and Rome?\"}");
        assertThat(messages.get(1).path("content").get(2).toString()).isEqualTo("{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"auto\"}}");
        assertThat(messages.get(2).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},{\"id\":\"call_2\",\"type\":\"function\","
                + "\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}]}");
        assertThat(messages.get(3).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
                + "\"content\":\"18C\"}");
        assertThat(messages.get(5).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Paris 18C\"}");
        assertThat(chat.path("tools").toString()).isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":"
                + "\"weather\",\"description\":\"Weather\",\"parameters\":{\"type\":\"object\"},\"strict\":true}}]");
        assertThat(chat.path("tool_choice").toString()).isEqualTo("{\"type\":\"function\",\"function\":"
                + "{\"name\":\"weather\"}}");
        assertThat(chat.path("reasoning_effort").asText()).isEqualTo("low");
        assertThat(chat.path("response_format").toString()).isEqualTo("{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"w\",\"schema\":{\"type\":\"object\"},\"strict\":true}}");
    }

    @Test
    void shouldRefuseBuiltInToolsUnknownItemsAndStoredStateNamingTheField() {
        assertThatThrownBy(() -> ResponsesToChat.request(tree("""
                {"model":"m","input":"Hi","tools":[{"type":"web_search"}]}""")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).hasValue("tools[0]");
                    assertThat(e.getMessage()).contains("'web_search'");
                });
        assertThatThrownBy(() -> ResponsesToChat.request(tree("""
                {"model":"m","input":[{"type":"item_reference","id":"msg_1"}]}""")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).hasValue("input[0]"));
        assertThatThrownBy(() -> ResponsesToChat.request(tree("""
                {"model":"m","input":"And then?","previous_response_id":"resp_1"}""")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.param()).hasValue("previous_response_id");
                    assertThat(e.getMessage()).contains("whole conversation in 'input'");
                });
    }

    static ObjectNode tree(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
