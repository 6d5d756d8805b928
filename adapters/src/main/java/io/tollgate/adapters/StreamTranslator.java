package io.tollgate.adapters;

import java.util.List;

/**
 * Turns an upstream's server-sent events into the events a client expects, one event at a time, while reading
 * the usage the upstream reports. One instance serves one stream and is used by one thread.
 *
 * <p>Implementations either relay events of the same dialect (taking usage from them, and dropping the usage
 * chunk the gateway asked for when the client did not) or translate between dialects.
 */
public interface StreamTranslator {

    /**
     * Accepts one upstream event.
     *
     * @param upstream the event as the upstream sent it
     * @return the events to send to the client now, in order; often one, possibly none
     * @throws GatewayException with {@link ErrorKind#UPSTREAM_ERROR} when the upstream sent an error event or
     *     data that is not valid for its dialect
     */
    List<SseEvent> onEvent(SseEvent upstream);

    /**
     * The upstream stream has ended, cleanly or not. Returns the events the client still needs to see a
     * well-formed end of stream (for example {@code data: [DONE]}, or {@code message_stop}) that were not sent yet.
     *
     * @return closing events, possibly none
     */
    List<SseEvent> onEnd();

    /** The usage reported so far; {@link Usage#ZERO} until the upstream reports any. */
    Usage usage();

    /** True once the upstream sent its own terminal event ({@code [DONE]} or {@code message_stop}). */
    boolean completed();
}
