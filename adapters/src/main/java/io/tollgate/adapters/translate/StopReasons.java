package io.tollgate.adapters.translate;

/** The mapping between OpenAI's {@code finish_reason} and Anthropic's {@code stop_reason}. */
final class StopReasons {

    private StopReasons() {
    }

    /**
     * Anthropic {@code stop_reason} to OpenAI {@code finish_reason}: {@code end_turn}, {@code stop_sequence} and
     * {@code pause_turn} stop; {@code max_tokens} and {@code model_context_window_exceeded} length;
     * {@code tool_use} tool_calls; {@code refusal} content_filter; anything else stop.
     */
    static String toOpenAi(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * OpenAI {@code finish_reason} to Anthropic {@code stop_reason}: {@code stop} end_turn (OpenAI does not say
     * whether a stop sequence matched), {@code length} max_tokens, {@code tool_calls} and {@code function_call}
     * tool_use, {@code content_filter} refusal, anything else end_turn.
     */
    static String toAnthropic(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
