package io.tollgate.cluster.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Virtual key values, their hashes and hints, and definition ids.
 *
 * <p>A new value is {@code tg-} and 43 base62 characters drawn from {@link SecureRandom}: 256 bits, as much as
 * 32 random bytes. Only its SHA-256 is stored. A fast hash is the right one here: a slow password hash (bcrypt,
 * Argon2) protects low-entropy secrets that can be guessed, but a 256-bit random value cannot be brute-forced
 * through any hash, and the request path hashes the presented value on every request, where milliseconds of key
 * stretching would cost more than the gateway's whole overhead budget. An unsalted hash also lets the value be
 * found by an index lookup instead of a scan.
 *
 * <p>Thread-safe: {@link SecureRandom} is.
 */
public final class KeyValues {

    /** Every virtual key value starts with this. */
    public static final String VALUE_PREFIX = "tg-";
    /** Customer ids start with this. */
    public static final String CUSTOMER_PREFIX = "cust_";
    /** Team ids start with this. */
    public static final String TEAM_PREFIX = "team_";
    /** Virtual key ids start with this. */
    public static final String KEY_PREFIX = "vk_";

    /** Presented values longer than this are not keys (lookup refuses them before hashing); seeds must obey it. */
    public static final int MAX_VALUE_LENGTH = 256;

    static final int VALUE_CHARS = 43;
    static final int ID_CHARS = 16;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String HINT_ELLIPSIS = "\u2026";

    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError("every Java platform has SHA-256: " + e);
        }
    }

    private final SecureRandom random;

    private KeyValues(SecureRandom random) {
        this.random = random;
    }

    /** Values and ids from a new {@link SecureRandom}. */
    public static KeyValues create() {
        return new KeyValues(new SecureRandom());
    }

    /** A new key value: {@code tg-} and 43 random base62 characters. */
    public String newValue() {
        return newValue(VALUE_PREFIX);
    }

    /** A new secret of another kind (admin API tokens): {@code prefix} and 43 random base62 characters. */
    public String newValue(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return prefix + randomChars(VALUE_CHARS);
    }

    /** A new id: {@code prefix} ({@code cust_}, {@code team_}, {@code vk_}) and 16 random base62 characters. */
    public String newId(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return prefix + randomChars(ID_CHARS);
    }

    /** SHA-256 of the value's UTF-8 bytes as 64 lowercase hex digits; the same value always gives the same hash. */
    public static String hash(String value) {
        Objects.requireNonNull(value, "value");
        return HEX.formatHex(sha256().digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh SHA-256 digest, cloned from a prototype: a provider lookup per request costs more than the hash. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every Java platform has SHA-256", impossible);
            }
        }
    }

    /**
     * A hint that lets people tell keys apart without revealing them: {@code tg-…} and the value's last 4
     * characters ({@code tg-…} alone for a value of 8 characters or fewer, so a hint never shows half a value).
     */
    public static String hint(String value) {
        Objects.requireNonNull(value, "value");
        String head = VALUE_PREFIX + HINT_ELLIPSIS;
        return value.length() <= 8 ? head : head + value.substring(value.length() - 4);
    }

    private String randomChars(int count) {
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) {
            chars[i] = BASE62.charAt(random.nextInt(BASE62.length()));
        }
        return new String(chars);
    }
}
