package io.tollgate.bench.load;

/** A whole chat answer, or a streamed one. */
public enum Kind {
    /** {@code stream: false}: one JSON answer. */
    CHAT("chat"),
    /** {@code stream: true}: SSE chunks, with time to first token recorded. */
    STREAM("stream");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    /** The name used in options and tables. */
    public String label() {
        return label;
    }

    /** The kind of a label ({@code chat}, {@code stream}). */
    public static Kind of(String label) {
        for (Kind k : values()) {
            if (k.label.equalsIgnoreCase(label.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + label + "'; use chat or stream");
    }
}
