package io.tollgate.cache.key;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Whether a request's answer is worth keeping: one that would differ each time it is asked is not cached unless
 * the client forces it. Stateless.
 */
public final class Cacheability {

    private Cacheability() {
    }

    /**
     * Why a request should not be cached, or empty when it may be.
     *
     * @param maxTemperature the highest temperature still cached
     * @return a short reason ({@code temperature}, {@code n}, {@code tool_results})
     */
    public static Optional<String> refusal(RequestFormat format, JsonNode body, double maxTemperature) {
        JsonNode temperature = body.path("temperature");
        if (temperature.isNumber() && temperature.doubleValue() > maxTemperature) {
            return Optional.of("temperature");
        }
        if (body.path("n").asInt(1) > 1) {
            return Optional.of("n");
        }
        return pendingToolResults(format, body) ? Optional.of("tool_results") : Optional.empty();
    }

    /** True when the conversation ends with tool results: an agent loop whose next step depends on fresh data. */
    private static boolean pendingToolResults(RequestFormat format, JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return false;
        }
        JsonNode last = messages.get(messages.size() - 1);
        if (format == RequestFormat.OPENAI_CHAT) {
            String role = last.path("role").asText();
            return role.equals("tool") || role.equals("function");
        }
        for (JsonNode part : last.path("content")) {
            if ("tool_result".equals(part.path("type").asText())) {
                return true;
            }
        }
        return false;
    }
}
