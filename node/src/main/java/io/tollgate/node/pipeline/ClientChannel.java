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
