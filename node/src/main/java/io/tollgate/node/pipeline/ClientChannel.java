package io.tollgate.node.pipeline;

import java.io.IOException;

/**
 * Where a response to the client goes. Headers may be added until the response is committed by {@link #send} or
 * {@link #startEvents}. Used by the request's own thread only.
 */
public interface ClientChannel {

    /** Sets a response header (replacing an earlier value of the same name). */
    void header(String name, String value);

    /** Sends a whole response and commits it. */
    void send(int status, String contentType, byte[] body);

    /**
     * Commits a {@code text/event-stream} response with status 200 and the headers set so far; events follow.
     *
     * @throws IOException when the client is gone
     */
    EventSink startEvents() throws IOException;

    /**
     * Commits a streamed response of status 200 with this content type (audio relayed as it arrives) and the
     * headers set so far; the caller writes the bytes, flushing as it goes, and closes the stream.
     *
     * @throws IOException when the client is gone
     * @throws UnsupportedOperationException when the channel cannot stream raw bytes (a translating edge's)
     */
    default java.io.OutputStream startStream(String contentType) throws IOException {
        throw new UnsupportedOperationException("this channel streams events only");
    }

    /** True once the status and headers went out. */
    boolean committed();

    /** A committed event stream. */
    interface EventSink {
        /**
         * Writes wire-form SSE text and flushes it to the client at once.
         *
         * @throws IOException when the client is gone
         */
        void write(String wire) throws IOException;

        /** Ends the response; never throws. */
        void close();
    }
}
