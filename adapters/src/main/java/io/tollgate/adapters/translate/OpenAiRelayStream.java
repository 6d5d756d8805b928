package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;

/** See {@link OpenAiRelay#stream(boolean)}. Not thread-safe; one instance per stream. */
final class OpenAiRelayStream implements StreamTranslator {

    private final boolean clientAskedUsage;
    private Usage usage = Usage.ZERO;
    private boolean completed;

    OpenAiRelayStream(boolean clientAskedUsage) {
        this.clientAskedUsage = clientAskedUsage;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        String data = upstream.data();
        if (isDone(data)) {
            completed = true;
            return List.of(upstream);
        }
        boolean hasUsage = hasObjectField(data, "\"usage\"");
        if (!hasUsage && !data.contains("\"error\"")) {
            return List.of(upstream);
        }
        JsonNode chunk = Json.parseUpstream(data);
        if (chunk.has("error") && !Json.absent(chunk.path("error"))) {
            throw UpstreamErrors.fromOpenAiChunk(chunk);
        }
        if (!chunk.path("usage").isObject()) {
            // Groq's older streams carry the usage in their last chunk's x_groq object, asked or not
            if (chunk.path("x_groq").path("usage").isObject()) {
                usage = Usages.fromOpenAi(chunk.path("x_groq").path("usage"));
            }
            return List.of(upstream);
        }
        usage = Usages.fromOpenAi(chunk.path("usage"));
        if (clientAskedUsage) {
            return List.of(upstream);
        }
        if (chunk.path("choices").isEmpty()) {
            return List.of();
        }
        ((ObjectNode) chunk).remove("usage");
        return List.of(SseEvent.named(upstream.event(), Json.write(chunk)));
    }

    @Override
    public List<SseEvent> onEnd() {
        return List.of();
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public boolean completed() {
        return completed;
    }

    private static boolean isDone(String data) {
        return data.length() < 16 && "[DONE]".equals(data.strip());
    }

    /**
     * True when {@code key} occurs followed by a colon and an opening brace, allowing whitespace: a cheap test
     * that skips {@code "usage":null}. A false positive only costs a parse.
     */
    static boolean hasObjectField(String data, String key) {
        int from = 0;
        while (true) {
            int at = data.indexOf(key, from);
            if (at < 0) {
                return false;
            }
            int i = skipSpaces(data, at + key.length());
            if (i < data.length() && data.charAt(i) == ':') {
                i = skipSpaces(data, i + 1);
                if (i < data.length() && data.charAt(i) == '{') {
                    return true;
                }
            }
            from = at + key.length();
        }
    }

    private static int skipSpaces(String data, int i) {
        while (i < data.length() && Character.isWhitespace(data.charAt(i))) {
            i++;
        }
        return i;
    }
}
