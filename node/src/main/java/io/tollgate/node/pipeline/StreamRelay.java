package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.sse.SseReader;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.node.pipeline.ClientChannel.EventSink;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays an upstream event stream to the client event by event: each upstream event is translated and flushed
 * before the next is read, so the first chunk reaches the client while the upstream is still sending. A stream the
 * upstream cuts or fails ends with a well-formed error event in the client's dialect; a client that goes away
 * closes the upstream call. The usage read so far is always recorded on the exchange.
 */
final class StreamRelay {

    private static final Logger LOG = Logger.getLogger(StreamRelay.class.getName());

    private StreamRelay() {
    }

    static void relay(Exchange exchange, UpstreamResponse response, StreamTranslator translator) {
        EventSink sink;
        try {
            sink = exchange.channel().startEvents();
        } catch (IOException clientGone) {
            return;
        }
        exchange.markStreamed();
        exchange.events(sink);
        SseReader reader = SseReader.create(response.body());
        Governed.OutputGuard guard = exchange.governed().map(Governed::guard).orElse(Governed.OutputGuard.UNLIMITED);
        boolean metered = guard != Governed.OutputGuard.UNLIMITED;
        long produced = 0;
        try {
            while (true) {
                Optional<SseEvent> event = readNext(reader, response);
                if (event.isEmpty()) {
                    break;
                }
                List<SseEvent> events = translator.onEvent(event.get());
                write(sink, events);
                if (!events.isEmpty()) {
                    exchange.markFirstByte();
                }
                exchange.record(events);
                if (metered && !events.isEmpty()) {
                    for (SseEvent sent : events) {
                        produced += OutputMeter.bytes(sent);
                    }
                    Optional<GatewayException> stop = guard.onOutput(produced);
                    if (stop.isPresent()) {
                        write(sink, StreamEnds.lengthFinish(exchange));
                        throw stop.get();
                    }
                }
            }
            List<SseEvent> last = translator.onEnd();
            write(sink, last);
            exchange.record(last);
            if (!translator.completed()) {
                throw GatewayException.of(ErrorKind.UPSTREAM_ERROR,
                        "The upstream ended the stream before it was complete.");
            }
        } catch (ClientGone gone) {
            exchange.markStreamFailed();
            LOG.log(Level.FINE, "client went away during stream {0}", exchange.id());
        } catch (GatewayException failure) {
            exchange.markStreamFailed();
            writeError(sink, exchange, failure);
        } catch (RuntimeException fault) {
            // a fault while translating must not cut the stream without a word: the client gets an error event
            LOG.log(Level.SEVERE, "stream " + exchange.id() + " failed inside the gateway", fault);
            exchange.markStreamFailed();
            writeError(sink, exchange, GatewayException.of(ErrorKind.INTERNAL, "The gateway failed to relay the "
                    + "rest of the stream (request id " + exchange.id() + ")."));
        } finally {
            recordUsage(exchange, translator, guard);
        }
    }

    private static Optional<SseEvent> readNext(SseReader reader, UpstreamResponse response) {
        try {
            return reader.next();
        } catch (IOException e) {
            throw readFailure(response, e);
        }
    }

    private static void write(EventSink sink, List<SseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder wire = new StringBuilder();
        for (SseEvent event : events) {
            wire.append(event.toWire());
        }
        try {
            sink.write(wire.toString());
        } catch (IOException e) {
            throw new ClientGone();
        }
    }

    private static void writeError(EventSink sink, Exchange exchange, GatewayException failure) {
        try {
            sink.write(ErrorBodies.event(exchange.dialect(), exchange.operation(), failure).toWire());
        } catch (IOException ignored) {
            // the client is gone too; nothing left to tell it
        }
    }

    private static void recordUsage(Exchange exchange, StreamTranslator translator, Governed.OutputGuard guard) {
        if (translator.completed() || translator.usage().completionTokens() > 0) {
            exchange.usage(translator.usage());
            return;
        }
        Optional<io.tollgate.adapters.Usage> estimate = guard.estimate();
        if (estimate.isPresent()) {
            exchange.estimatedUsage(estimate.get());
        } else if (!translator.usage().equals(io.tollgate.adapters.Usage.ZERO)) {
            exchange.usage(translator.usage());
        }
    }

    static GatewayException readFailure(UpstreamResponse response, IOException cause) {
        if (response.timedOut()) {
            return GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "The upstream did not finish in time.", cause);
        }
        return GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE, "The upstream connection failed.", cause);
    }

    /** The client stopped reading; unwinds the relay without an error event. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super(null, null, false, false);
        }
    }
}
