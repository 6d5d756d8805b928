package io.tollgate.cache.key;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The one text of a JSON value that does not depend on how it was written: object keys sorted, no insignificant
 * whitespace, numbers in their shortest exact form ({@code 1}, {@code 1.0} and {@code 1e0} are the same number),
 * strings escaped one way. Two requests that mean the same JSON always hash the same.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CanonicalJson() {
    }

    /** The canonical text of a value, leaving out the top-level fields named in {@code skipped}. */
    public static String write(JsonNode value, Set<String> skipped) {
        StringBuilder out = new StringBuilder(256);
        if (value.isObject()) {
            writeObject(value, skipped, out);
        } else {
            write(value, out);
        }
        return out.toString();
    }

    /** The canonical text of a value. */
    public static String write(JsonNode value) {
        return write(value, Set.of());
    }

    /** SHA-256 of the parts, each length-prefixed so that no two lists of parts collide, as 64 hex digits. */
    public static String sha256(String... parts) {
        MessageDigest digest = newDigest();
        for (String part : parts) {
            update(digest, part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Adds a value to a digest in canonical form without writing its text: a tag per type, lengths before
     * strings and containers, object keys sorted (those in {@code skipped} left out at the top level), numbers in
     * their shortest exact form. Two values that mean the same JSON add the same bytes; two that differ never do.
     */
    public static void hash(MessageDigest digest, JsonNode value, Set<String> skipped) {
        Bytes bytes = new Bytes();
        hash(bytes, value, skipped);
        digest.update(bytes.buffer, 0, bytes.size);   // one update: the digest's per-call cost paid once
    }

    private static void hash(Bytes out, JsonNode value, Set<String> skipped) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(value.size());
                value.fieldNames().forEachRemaining(name -> {
                    if (!skipped.contains(name)) {
                        names.add(name);
                    }
                });
                names.sort(null);
                out.add((byte) 'o');
                out.part(Integer.toString(names.size()));
                for (String name : names) {
                    out.part(name);
                    hash(out, value.get(name), Set.of());
                }
            }
            case ARRAY -> {
                out.add((byte) 'a');
                out.part(Integer.toString(value.size()));
                for (JsonNode element : value) {
                    hash(out, element, Set.of());
                }
            }
            case STRING -> {
                out.add((byte) 's');
                out.part(value.textValue());
            }
            case NUMBER -> {
                out.add((byte) 'n');
                out.part(number(value));
            }
            case BOOLEAN -> out.add((byte) (value.booleanValue() ? 't' : 'f'));
            default -> out.add((byte) 'z');
        }
    }

    /**
     * The bytes a value adds to a digest, gathered first: the same bytes {@link #update(MessageDigest, byte[])}
     * and single-byte updates would add, in the same order.
     */
    private static final class Bytes {
        byte[] buffer = new byte[512];
        int size;

        void add(byte b) {
            room(1);
            buffer[size++] = b;
        }

        /** A length-prefixed part, as {@link #update(MessageDigest, String)} adds it. */
        void part(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String length = Integer.toString(bytes.length);
            room(length.length() + 1 + bytes.length);
            for (int i = 0; i < length.length(); i++) {
                buffer[size++] = (byte) length.charAt(i);
            }
            buffer[size++] = (byte) ':';
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        private void room(int more) {
            if (size + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    /** A fresh SHA-256 digest (a clone of a prototype: cheaper than a provider lookup per request). */
    static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    /** Adds one length-prefixed part to a digest. */
    static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        update(digest, bytes);
    }

    /** Adds one length-prefixed part to a digest. */
    static void update(MessageDigest digest, byte[] bytes) {
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> writeObject(value, Set.of(), out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(value.textValue(), out);
            case NUMBER -> out.append(number(value));
            case BOOLEAN -> out.append(value.booleanValue());
            default -> out.append("null");
        }
    }

    private static void writeObject(JsonNode value, Set<String> skipped, StringBuilder out) {
        List<String> names = new ArrayList<>(value.size());
        value.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        out.append('{');
        boolean first = true;
        for (String name : names) {
            if (skipped.contains(name)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(name, out);
            out.append(':');
            write(value.get(name), out);
        }
        out.append('}');
    }

    private static String number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        BigDecimal decimal = value.decimalValue();
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toString();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(text, run, text.length()).append('"');
    }
}
