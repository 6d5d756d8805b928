package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.node.http.RequestChecks;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void shouldBuildBodiesOfTheAdvertisedSizesThatPassTheRouteChecks() {
        assertThat(tokens(RequestBodies.SHORT_CHAT)).isBetween(30L, 50L);
        assertThat(tokens(RequestBodies.LONG_CHAT)).isBetween(3_800L, 4_400L);
        for (String name : RequestBodies.names()) {
            RequestChecks.check(Dialect.OPENAI, Operation.CHAT, Json.parseObject(RequestBodies.of(name, "m")));
        }
    }

    @Test
    void shouldBuildTheSameBytesEveryTime() {
        for (String name : RequestBodies.names()) {
            assertThat(RequestBodies.of(name, "gpt-4o-mini")).isEqualTo(RequestBodies.of(name, "gpt-4o-mini"));
        }
    }

    @Test
    void shouldCarryThreeToolsAToolCallAndItsResultAndEndWithAUserMessage() {
        JsonNode body = Json.parseObject(RequestBodies.of(RequestBodies.TOOL_CALL, "m"));

        assertThat(body.path("tools")).hasSize(3);
        assertThat(body.at("/tools/1/function/parameters/required").toString()).isEqualTo("[\"from\",\"to\",\"date\"]");
        JsonNode messages = body.path("messages");
        assertThat(messages.get(2).at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(messages.size() - 1).path("role").asText()).isEqualTo("user");
    }

    @Test
    void shouldChangeOnlyTheReferenceDigitsOfTheLastUserMessage() {
        byte[] original = RequestBodies.of(RequestBodies.LONG_CHAT, "m");
        RequestBodies.Varying varying = RequestBodies.Varying.of(original);

        String first = new String(varying.next(), StandardCharsets.UTF_8);
        String second = new String(varying.next(), StandardCharsets.UTF_8);

        assertThat(first).hasSize(new String(original, StandardCharsets.UTF_8).length()).contains("[ref 00000001] ");
        assertThat(second).contains("[ref 00000002] ").isNotEqualTo(first);
        JsonNode messages = Json.parseObject(second.getBytes(StandardCharsets.UTF_8)).path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText()).startsWith("[ref 00000002] ");
        assertThat(new String(original, StandardCharsets.UTF_8)).contains("[ref 00000000] ");
    }

    @Test
    void shouldRejectAnUnknownBodyAndABodyWithoutMarker() {
        assertThatThrownBy(() -> RequestBodies.of("hugeChat", "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("body must be one of [shortChat, longChat, toolCall], was 'hugeChat'");
        assertThatThrownBy(() -> RequestBodies.Varying.of("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the body must hold exactly one '[ref ' marker");
    }

    /** Tokens as the mock provider estimates them: about four characters each, plus four per message. */
    private static long tokens(String name) {
        long chars = 0;
        long messages = 0;
        for (JsonNode message : Json.parseObject(RequestBodies.of(name, "m")).path("messages")) {
            messages++;
            chars += message.path("content").asText().length();
        }
        return (chars + 3) / 4 + 4 * messages + 3;
    }
}
