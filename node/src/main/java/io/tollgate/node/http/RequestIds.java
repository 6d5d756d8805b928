package io.tollgate.node.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code x-request-id} when it is short and plain, otherwise 24 random hex digits. */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String of(java.util.Optional<String> offered) {
        if (offered.isPresent() && acceptable(offered.get())) {
            return offered.get();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[24];
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (a >>> (i * 4)) & 0xf];
        }
        for (int i = 16; i < 24; i++) {
            out[i] = HEX[(int) (b >>> ((i - 16) * 4)) & 0xf];
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
