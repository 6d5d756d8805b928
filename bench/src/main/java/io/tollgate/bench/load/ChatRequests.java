package io.tollgate.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What every load request looks like, for both HTTP clients: an OpenAI chat request whose user message carries the
 * request's sequence number (so an exact cache never hits), and how a streamed answer is read.
 *
 * @param url the chat completions URL of the target
 * @param model the model field
 * @param bearer the {@code Authorization: Bearer} value (a virtual key, or a dummy for the upstream itself)
 * @param stream whether requests ask for a stream
 */
public record ChatRequests(URI url, String model, String bearer, boolean stream) {

    public ChatRequests {
        if (!url.getScheme().equals("http")) {
            throw new IllegalArgumentException("url must be http, was " + url);
        }
    }

    /** Requests to {@code baseUrl + "/chat/completions"}. */
    public static ChatRequests create(String baseUrl, String model, String bearer, boolean stream) {
        return new ChatRequests(URI.create(baseUrl + "/chat/completions"), model, bearer, stream);
    }

    /** The body of request {@code sequence}. */
    public byte[] body(long sequence) {
        return ("{\"model\":\"" + model + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Answer in sixty words, please. This is load request number " + sequence + ".\"}]"
                + (stream ? ",\"stream\":true" : "") + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an SSE answer to its end; returns when the first {@code data:} line carrying content arrived (-1 when
     * none did), or throws when the stream ended without {@code data: [DONE]}.
     */
    static long readStream(InputStream body, NanoClock clock) throws IOException {
        long firstToken = -1;
        boolean done = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                if (firstToken < 0 && hasContent(line)) {
                    firstToken = clock.nanoTime();
                } else if (line.startsWith("data: [DONE]")) {
                    done = true;
                }
            }
        }
        if (!done) {
            throw new IOException("stream ended without [DONE]");
        }
        return firstToken;
    }

    /** True when an SSE data line has a non-empty {@code "content"} string. */
    static boolean hasContent(String line) {
        int at = line.indexOf("\"content\":\"");
        return at >= 0 && at + 11 < line.length() && line.charAt(at + 11) != '"';
    }
}
