package io.tollgate.node.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds {@code multipart/form-data} bodies, as the OpenAI SDKs send audio uploads. */
public final class Forms {

    private static final String BOUNDARY = "----tollgate-test-7MA4YWxkTrZu0gW";

    private Forms() {
    }

    /**
     * A form ready to send.
     *
     * @param body the whole body
     * @param contentType {@code multipart/form-data} with the boundary
     */
    public record Form(byte[] body, String contentType) {
    }

    /** A form of an audio file named {@code speech.mp3} and these text fields (name, value pairs), in order. */
    public static Form audio(byte[] audio, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < fields.length; i += 2) {   // a name may come several times
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n");
        }
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n");
        out.writeBytes(audio);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return new Form(out.toByteArray(), "multipart/form-data; boundary=" + BOUNDARY);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
