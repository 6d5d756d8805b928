package io.tollgate.adapters.gemini;

/** The mapping between Gemini's {@code finishReason} and OpenAI's {@code finish_reason}. */
final class FinishReasons {

    private FinishReasons() {
    }

    /**
     * Gemini {@code finishReason} to OpenAI {@code finish_reason}: MAX_TOKENS length; SAFETY, RECITATION, BLOCKLIST,
     * PROHIBITED_CONTENT, SPII, IMAGE_SAFETY content_filter; anything else (STOP, LANGUAGE, OTHER,
     * MALFORMED_FUNCTION_CALL, ...) stop, or tool_calls when the candidate called a function.
     */
    static String toOpenAi(String finishReason, boolean calledFunction) {
        return switch (finishReason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledFunction ? "tool_calls" : "stop";
        };
    }

    /**
     * OpenAI {@code finish_reason} to Gemini {@code finishReason}: length MAX_TOKENS, content_filter SAFETY,
     * anything else (stop, tool_calls, function_call) STOP, as Gemini ends a function-calling turn.
     */
    static String toGemini(String finishReason) {
        return switch (finishReason) {
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> "STOP";
        };
    }
}
