package io.tollgate.node.http;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.node.pipeline.ErrorBodies;
import java.util.Map;

/**
 * The error answer a path's route gives, for refusals made before a route's handler runs (an unknown route, a
 * malformed request head): OpenAI's shape by default, Anthropic's under {@code /anthropic}, Google's under
 * {@code /genai} and Bedrock's (with {@code x-amzn-ErrorType}) under {@code /bedrock}. Stateless.
 */
final class RouteErrors {

    private static final GeminiFormat GEMINI = new GeminiFormat();
    private static final BedrockFormat BEDROCK = new BedrockFormat(java.time.Clock.systemUTC(), 1);

    private RouteErrors() {
    }

    /**
     * The body and headers of the error answer.
     *
     * @param body the error body, JSON
     * @param headers headers that go with it
     */
    record Answer(byte[] body, Map<String, String> headers) {
    }

    /** The answer for {@code error} on a request for {@code path} (the raw path; any string). */
    static Answer of(String path, GatewayException error) {
        if (under(path, "/anthropic")) {
            return new Answer(ErrorBodies.body(Dialect.ANTHROPIC, error), Map.of());
        }
        if (under(path, "/genai")) {
            return new Answer(GEMINI.error(error), GEMINI.errorHeaders(error));
        }
        if (under(path, "/bedrock")) {
            return new Answer(BEDROCK.error(error), BEDROCK.errorHeaders(error));
        }
        return new Answer(ErrorBodies.body(Dialect.OPENAI, error), Map.of());
    }

    private static boolean under(String path, String prefix) {
        return path != null && path.startsWith(prefix) && (path.length() == prefix.length()
                || path.charAt(prefix.length()) == '/');
    }
}
