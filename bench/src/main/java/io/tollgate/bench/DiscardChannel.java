package io.tollgate.bench;

import io.tollgate.node.pipeline.ClientChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * A client that reads nothing: the in-process stand-in for the route's Helidon channel. Headers go into a small map
 * (as the route sets them on its response), a whole response is kept by reference, stream events are counted and
 * dropped. One per request, used by its thread only.
 */
final class DiscardChannel implements ClientChannel, ClientChannel.EventSink {

    private final Map<String, String> headers = new HashMap<>(8);
    private boolean committed;
    private int status;
    private byte[] body = new byte[0];
    private long eventChars;

    private DiscardChannel() {
    }

    /** A channel for one request. */
    static DiscardChannel create() {
        return new DiscardChannel();
    }

    @Override
    public void header(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public void send(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        committed = true;
    }

    @Override
    public EventSink startEvents() {
        status = 200;
        committed = true;
        return this;
    }

    @Override
    public boolean committed() {
        return committed;
    }

    @Override
    public void write(String wire) {
        eventChars += wire.length();
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The status sent, 0 before. */
    int status() {
        return status;
    }

    /** A response header set so far, or {@code ""}. */
    String header(String name) {
        return headers.getOrDefault(name, "");
    }

    /** The whole body sent. */
    byte[] body() {
        return body;
    }

    /** Characters of stream events written. */
    long eventChars() {
        return eventChars;
    }
}
