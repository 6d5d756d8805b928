package io.tollgate.node.pipeline;

import io.tollgate.adapters.SseEvent;

/**
 * Counts the UTF-8 bytes of generated text in client events without parsing them: the string values of the
 * fields that carry output ({@code content}, {@code text}, {@code arguments}, {@code partial_json},
 * {@code thinking}, {@code reasoning_content}); of a Responses API event only the {@code delta} of its
 * {@code *.delta} events (its {@code *.done} and {@code response.completed} events repeat the text). An upper
 * bound of the output tokens, cheap enough per chunk.
 */
final class OutputMeter {

    private static final String[] FIELDS = {"\"content\":\"", "\"text\":\"", "\"arguments\":\"",
        "\"partial_json\":\"", "\"thinking\":\"", "\"reasoning_content\":\""};
    private static final String[] RESPONSES_FIELDS = {"\"delta\":\""};

    private OutputMeter() {
    }

    static long bytes(SseEvent event) {
        String data = event.data();
        String[] fields = FIELDS;
        if (event.event().startsWith("response.")) {
            if (!event.event().endsWith(".delta")) {
                return 0;
            }
            fields = RESPONSES_FIELDS;
        }
        long total = 0;
        for (String field : fields) {
            int from = 0;
            while (true) {
                int at = data.indexOf(field, from);
                if (at < 0) {
                    break;
                }
                int i = at + field.length();
                while (i < data.length() && data.charAt(i) != '"') {
                    char c = data.charAt(i);
                    if (c == '\\') {
                        i++;
                        total += 1;
                    } else {
                        total += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
                    }
                    i++;
                }
                from = i;
            }
        }
        return total;
    }
}
