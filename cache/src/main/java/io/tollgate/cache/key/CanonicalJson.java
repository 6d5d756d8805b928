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
        switch (value.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(value.size());
                value.fieldNames().forEachRemaining(name -> {
                    if (!skipped.contains(name)) {
                        names.add(name);
                    }
                });
                names.sort(null);
                digest.update((byte) 'o');
                update(digest, Integer.toString(names.size()));
                for (String name : names) {
                    update(digest, name);
                    hash(digest, value.get(name), Set.of());
                }
            }
            case ARRAY -> {
                digest.update((byte) 'a');
                update(digest, Integer.toString(value.size()));
                for (JsonNode element : value) {
                    hash(digest, element, Set.of());
                }
            }
            case STRING -> {
                digest.update((byte) 's');
                update(digest, value.textValue());
            }
            case NUMBER -> {
                digest.update((byte) 'n');
                update(digest, number(value));
            }
            case BOOLEAN -> digest.update((byte) (value.booleanValue() ? 't' : 'f'));
            default -> digest.update((byte) 'z');
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
