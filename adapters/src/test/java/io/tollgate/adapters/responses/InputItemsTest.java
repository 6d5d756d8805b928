package io.tollgate.adapters.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputItemsTest {

    @Test
    void shouldMakeATextInputOneUserMessageWithAnId() {
        ArrayNode items = InputItems.of(json("{\"model\":\"m\",\"input\":\"Hi\"}"), "abc");

        assertThat(items).hasSize(1);
        assertThat(items.get(0)).isEqualTo(json("{\"id\":\"msg_abc_in0\",\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}],\"status\":\"completed\"}"));
    }

    @Test
    void shouldKeepItemsAsSentAddingIdsTypesAndTextParts() {
        ArrayNode items = InputItems.of(json("{\"input\":[{\"role\":\"developer\",\"content\":\"Be brief\"},"
                + "{\"type\":\"message\",\"id\":\"msg_mine\",\"role\":\"assistant\",\"content\":\"Sure\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"42\"}]}"), "b");

        assertThat(items).extracting(item -> item.path("id").asText())
                .containsExactly("msg_b_in0", "msg_mine", "fco_b_in2");
        assertThat(items.get(0).at("/content/0/type").asText()).isEqualTo("input_text");
        assertThat(items.get(1).at("/content/0/type").asText()).isEqualTo("output_text");
        assertThat(items.get(1).at("/content/0/text").asText()).isEqualTo("Sure");
        assertThat(items.get(2).path("output").asText()).isEqualTo("42");
        assertThat(items.get(2).path("status").asText()).isEqualTo("completed");
    }

    @Test
    void shouldPageNewestFirstByDefaultWithCursors() {
        ArrayNode items = InputItems.of(json("{\"input\":[{\"role\":\"user\",\"content\":\"1\"},"
                + "{\"role\":\"user\",\"content\":\"2\"},{\"role\":\"user\",\"content\":\"3\"}]}"), "p");

        ObjectNode first = InputItems.page(items, 2, false, Optional.empty(), Optional.empty());
        assertThat(first.path("object").asText()).isEqualTo("list");
        assertThat(first.path("data")).extracting(item -> item.path("id").asText())
                .containsExactly("msg_p_in2", "msg_p_in1");
        assertThat(first.path("first_id").asText()).isEqualTo("msg_p_in2");
        assertThat(first.path("last_id").asText()).isEqualTo("msg_p_in1");
        assertThat(first.path("has_more").asBoolean()).isTrue();

        ObjectNode next = InputItems.page(items, 2, false, Optional.of("msg_p_in1"), Optional.empty());
        assertThat(next.path("data")).extracting(item -> item.path("id").asText()).containsExactly("msg_p_in0");
        assertThat(next.path("has_more").asBoolean()).isFalse();

        ObjectNode ascending = InputItems.page(items, 20, true, Optional.empty(), Optional.of("msg_p_in2"));
        assertThat(ascending.path("data")).extracting(item -> item.path("id").asText())
                .containsExactly("msg_p_in0", "msg_p_in1");
    }

    @Test
    void shouldAnswerAnEmptyPageAfterAnUnknownCursor() {
        ArrayNode items = InputItems.of(json("{\"input\":\"Hi\"}"), "e");

        ObjectNode page = InputItems.page(items, 20, true, Optional.of("msg_other"), Optional.empty());

        assertThat(page.path("data")).isEmpty();
        assertThat(page.path("first_id").isNull()).isTrue();
        assertThat(page.path("has_more").asBoolean()).isFalse();
    }

    private static JsonNode json(String text) {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }
}
