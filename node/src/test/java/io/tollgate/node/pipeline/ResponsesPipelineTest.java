package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.SseEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the pipeline's stages read Responses API bodies and events: reservation bounds, output metering, errors. */
class ResponsesPipelineTest {

    @Test
    void shouldBoundTheInputOfAStringInputWithItsInstructions() {
        ObjectNode body = tree("{\"model\":\"m\",\"instructions\":\"Be brief\",\"input\":\"Hi\"}");
        // request overhead 16 + instructions 8 + one message's overhead 8 + "Hi" 2
        assertThat(TokenBounds.input(Operation.RESPONSES, body)).isEqualTo(34);
    }

    @Test
    void shouldBoundEveryItemAndImageAndTheTools() {
        ObjectNode body = tree("""
                {"model":"m","input":[{"role":"user","content":"Hi"},
                  {"role":"user","content":[{"type":"input_image","image_url":"https://x/y.png"}]}],
                 "tools":[{"type":"function","name":"f"}]}""");
        // 16 + (8 + role 4 + user 4 + content 7 + Hi 2) + (8 + 4 + 4 + 7 + image 2000) + tools (4+8 + 4+1)
        assertThat(TokenBounds.input(Operation.RESPONSES, body)).isEqualTo(16 + 25 + 2023 + 17);
    }

    @Test
    void shouldReadMaxOutputTokensAsTheRequestedOutput() {
        assertThat(TokenBounds.requestedOutput(tree("{\"input\":\"Hi\",\"max_output_tokens\":300}")))
                .hasValue(300);
        assertThat(TokenBounds.requestedOutput(tree("{\"input\":\"Hi\"}"))).isEmpty();
    }

    @Test
    void shouldMeterOnlyTheDeltasOfAResponsesStream() {
        assertThat(OutputMeter.bytes(SseEvent.named("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"delta\":\"Héllo\"}"))).isEqualTo(6);
        assertThat(OutputMeter.bytes(SseEvent.named("response.function_call_arguments.delta",
                "{\"type\":\"response.function_call_arguments.delta\",\"delta\":\"{\\\"a\\\":1}\"}"))).isEqualTo(7);
        assertThat(OutputMeter.bytes(SseEvent.named("response.output_text.done",
                "{\"type\":\"response.output_text.done\",\"text\":\"Hello\"}"))).as("repeats the deltas").isZero();
        assertThat(OutputMeter.bytes(SseEvent.named("response.completed",
                "{\"type\":\"response.completed\",\"response\":{\"output\":[{\"content\":[{\"text\":\"Hello\"}]}]}}")))
                .isZero();
    }

    @Test
    void shouldWriteAStreamErrorAsAResponsesErrorEvent() {
        SseEvent event = ErrorBodies.event(Dialect.OPENAI, Operation.RESPONSES,
                GatewayException.of(ErrorKind.BUDGET_EXCEEDED, "over budget").withCode("budget_exceeded"));
        assertThat(event.event()).isEqualTo("error");
        assertThat(event.data()).isEqualTo("{\"type\":\"error\",\"code\":\"budget_exceeded\","
                + "\"message\":\"over budget\",\"param\":null}");
        assertThat(ErrorBodies.event(Dialect.OPENAI, Operation.CHAT, GatewayException.of(ErrorKind.INTERNAL, "x")))
                .as("chat streams keep their shape").isEqualTo(ErrorBodies.event(Dialect.OPENAI,
                        GatewayException.of(ErrorKind.INTERNAL, "x")));
    }

    private static ObjectNode tree(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
