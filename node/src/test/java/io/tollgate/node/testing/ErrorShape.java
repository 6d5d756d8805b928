package io.tollgate.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * The error shape of each family of routes, checked on an answer: OpenAI's {@code {"error":{"message","type",
 * "code"}}} on the OpenAI routes and the management API, Anthropic's {@code {"type":"error","error":{"type",
 * "message"}}} under {@code /anthropic}, Google's {@code {"error":{"code","message","status"}}} under {@code /genai}
 * and Bedrock's {@code {"message"}} with an {@code x-amzn-ErrorType} header under {@code /bedrock}.
 */
public enum ErrorShape {
    /** OpenAI's. */
    OPENAI {
        @Override
        String message(int status, JsonNode body, Function<String, Optional<String>> header) {
            JsonNode error = body.path("error");
            assertThat(error.path("type").isTextual()).as("error.type in %s", body).isTrue();
            assertThat(error.has("code")).as("error.code in %s", body).isTrue();
            return error.path("message").asText("");
        }
    },
    /** Anthropic's. */
    ANTHROPIC {
        @Override
        String message(int status, JsonNode body, Function<String, Optional<String>> header) {
            assertThat(body.path("type").asText()).as("type in %s", body).isEqualTo("error");
            assertThat(body.at("/error/type").isTextual()).as("error.type in %s", body).isTrue();
            return body.at("/error/message").asText("");
        }
    },
    /** Google's. */
    GOOGLE {
        @Override
        String message(int status, JsonNode body, Function<String, Optional<String>> header) {
            JsonNode error = body.path("error");
            assertThat(error.path("code").asInt()).as("error.code in %s", body).isEqualTo(status);
            assertThat(error.path("status").asText()).as("error.status in %s", body).matches("[A-Z_]+");
            return error.path("message").asText("");
        }
    },
    /** Bedrock's. */
    BEDROCK {
        @Override
        String message(int status, JsonNode body, Function<String, Optional<String>> header) {
            assertThat(header.apply("x-amzn-errortype")).as("x-amzn-ErrorType with %s", body).isPresent();
            return body.path("message").asText("");
        }
    };

    /** The shape of the route a path names. */
    public static ErrorShape of(String path) {
        if (path.startsWith("/anthropic/")) {
            return ANTHROPIC;
        }
        if (path.startsWith("/genai/")) {
            return GOOGLE;
        }
        return path.startsWith("/bedrock/") ? BEDROCK : OPENAI;
    }

    /**
     * Asserts that an answer is an error of this shape with a message; returns the message.
     *
     * @param header the answer's headers by lower-case name
     */
    public String check(int status, String body, Function<String, Optional<String>> header) {
        JsonNode tree = NodeClient.parse(body);
        assertThat(tree.isObject()).as("an object: %s", body).isTrue();
        String message = message(status, tree, header);
        assertThat(message).as("the message in %s", body).isNotBlank();
        return message;
    }

    abstract String message(int status, JsonNode body, Function<String, Optional<String>> header);
}
