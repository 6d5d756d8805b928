package io.tollgate.adapters;

import java.util.Objects;

/**
 * One server-sent event.
 *
 * @param event the event name ({@code message_start}, ...), empty for unnamed events (OpenAI's chunks)
 * @param data the data field; multi-line data is joined with {@code \n}
 */
public record SseEvent(String event, String data) {

    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    /** An unnamed event. */
    public static SseEvent data(String data) {
        return new SseEvent("", data);
    }

    /** A named event. */
    public static SseEvent named(String event, String data) {
        return new SseEvent(event, data);
    }

    /** True when the event has a name. */
    public boolean hasName() {
        return !event.isEmpty();
    }

    /** The event in wire form, ending with the blank line that terminates it. */
    public String toWire() {
        StringBuilder out = new StringBuilder(data.length() + event.length() + 16);
        if (hasName()) {
            out.append("event: ").append(event).append('\n');
        }
        int start = 0;
        while (true) {
            int nl = data.indexOf('\n', start);
            out.append("data: ").append(data, start, nl < 0 ? data.length() : nl).append('\n');
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return out.append('\n').toString();
    }
}
