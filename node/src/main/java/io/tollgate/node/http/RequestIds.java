package io.tollgate.node.http;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the client's {@code x-request-id} when it is short and plain, otherwise 32 hex digits, the first 12
 * the epoch millisecond and the other 20 random (80 bits: two ids of the same millisecond collide with odds of one
 * in 2^80). Ids made later sort later, so the request log's key indexes grow at their end instead of touching a
 * random page of the table for every row (a random id cost the log's database a page read and a page rewrite per
 * row and index).
 */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int TIME_DIGITS = 12;
    private static final int LENGTH = 32;

    private RequestIds() {
    }

    static String of(Optional<String> offered) {
        if (offered.isPresent() && acceptable(offered.get())) {
            return offered.get();
        }
        return next(System.currentTimeMillis(), ThreadLocalRandom.current());
    }

    /** An id made at {@code epochMillis} with randomness from {@code random}. */
    static String next(long epochMillis, ThreadLocalRandom random) {
        char[] out = new char[LENGTH];
        for (int i = 0; i < TIME_DIGITS; i++) {
            out[i] = HEX[(int) (epochMillis >>> ((TIME_DIGITS - 1 - i) * 4)) & 0xf];
        }
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = TIME_DIGITS; i < TIME_DIGITS + 16; i++) {
            out[i] = HEX[(int) (a >>> ((i - TIME_DIGITS) * 4)) & 0xf];
        }
        for (int i = TIME_DIGITS + 16; i < LENGTH; i++) {
            out[i] = HEX[(int) (b >>> ((i - TIME_DIGITS - 16) * 4)) & 0xf];
        }
        return new String(out);
    }

    private static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
