package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.SseEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseCaptureTest {

    @Test
    void shouldReadTheIdOfAWholeResponseFromItsFirstFields() {
        assertThat(ResponseCapture.idOf(bytes("{\"object\":\"response\",\"metadata\":{\"id\":\"nested\"},"
                + "\"id\":\"resp_1\",\"output\":[{\"id\":\"msg_1\"}]}"))).contains("resp_1");
        assertThat(ResponseCapture.idOf(bytes("{\"object\":\"response\"}"))).isEmpty();
        assertThat(ResponseCapture.idOf(bytes("{\"id\":42}"))).isEmpty();
        assertThat(ResponseCapture.idOf(bytes("not json"))).isEmpty();
    }

    @Test
    void shouldTakeTheIdFromTheFirstCreatedEventNamedOrNot() {
        ResponseCapture named = new ResponseCapture("resp_gw");
        named.onEvent(SseEvent.named("response.created", "{\"type\":\"response.created\",\"response\":"
                + "{\"id\":\"resp_up\"}}"));
        named.onEvent(SseEvent.named("response.created", "{\"type\":\"response.created\",\"response\":"
                + "{\"id\":\"resp_later\"}}"));
        assertThat(named.streamedId()).contains("resp_up");
        assertThat(named.gatewayMade("resp_up")).isFalse();

        ResponseCapture unnamed = new ResponseCapture("resp_gw");
        unnamed.onEvent(SseEvent.data("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_up\"}}"));
        assertThat(unnamed.streamedId()).contains("resp_up");
    }

    @Test
    void shouldKeepTheGatewaysOwnResponseFromTheTerminalEventOnly() {
        ResponseCapture capture = new ResponseCapture("resp_gw");
        capture.onEvent(SseEvent.named("response.created", "{\"response\":{\"id\":\"resp_gw\",\"status\":"
                + "\"in_progress\"}}"));
        assertThat(capture.streamedResponse()).isEmpty();

        capture.onEvent(SseEvent.named("response.output_text.delta", "{\"delta\":\"Hi\"}"));
        capture.onEvent(SseEvent.named("response.completed", "{\"type\":\"response.completed\",\"response\":"
                + "{\"id\":\"resp_gw\",\"status\":\"completed\"}}"));

        assertThat(capture.gatewayMade("resp_gw")).isTrue();
        assertThat(capture.streamedResponse()).contains("{\"id\":\"resp_gw\",\"status\":\"completed\"}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
