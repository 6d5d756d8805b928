package io.tollgate.cluster.store;

/** A String codec with a format marker, so tests can store text it refuses. */
final class PrefixCodec implements Codec<String> {

    static final String MARKER = "s1:";

    @Override
    public String encode(String value) {
        return MARKER + value;
    }

    @Override
    public String decode(String text) {
        if (!text.startsWith(MARKER)) {
            throw new IllegalArgumentException("not a format s1 string");
        }
        return text.substring(MARKER.length());
    }
}
