package io.tollgate.node.pipeline;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client channel in memory: headers, status and body or events, for tests without sockets. */
final class RecordingChannel implements ClientChannel {

    final Map<String, String> headers = new LinkedHashMap<>();
    final StringBuilder events = new StringBuilder();
    int status;
    byte[] body = new byte[0];
    private boolean committed;

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
        return new EventSink() {
            @Override
            public void write(String wire) throws IOException {
                events.append(wire);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public boolean committed() {
        return committed;
    }
}
