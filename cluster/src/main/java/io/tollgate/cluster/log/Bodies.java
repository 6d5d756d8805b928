package io.tollgate.cluster.log;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Cutting a body to a byte budget without splitting a character. */
final class Bodies {

    private Bodies() {
    }

    /** {@code body} when it fits in {@code maxBytes} UTF-8 bytes, else its longest prefix that does. */
    static String cut(String body, int maxBytes) {
        if (body.length() * 3L <= maxBytes) {
            return body;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(body);
        encoder.encode(in, ByteBuffer.allocate(maxBytes), true);
        return body.substring(0, in.position());
    }
}
