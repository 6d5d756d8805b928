package io.tollgate.node.upstream;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.tollgate.adapters.spi.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A Helidon client response seen through the adapter SPI, closed by a watchdog when its total time runs out. */
final class HelidonUpstreamResponse implements UpstreamResponse {

    private final HttpClientResponse response;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean timedOut;
    private ScheduledFuture<?> deadline;
    private InputStream body;

    private HelidonUpstreamResponse(HttpClientResponse response) {
        this.response = response;
    }

    static HelidonUpstreamResponse start(HttpClientResponse response, ScheduledExecutorService watchdog,
                                         Duration total) {
        HelidonUpstreamResponse wrapped = new HelidonUpstreamResponse(response);
        wrapped.deadline = watchdog.schedule(wrapped::expire, total.toMillis(), TimeUnit.MILLISECONDS);
        return wrapped;
    }

    private void expire() {
        timedOut = true;
        close();
    }

    @Override
    public int status() {
        return response.status().code();
    }

    @Override
    public Optional<String> header(String name) {
        return response.headers().first(HeaderNames.create(name));
    }

    @Override
    public InputStream body() {
        if (body == null) {
            body = new Guarded(response.inputStream());
        }
        return body;
    }

    @Override
    public boolean timedOut() {
        return timedOut;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deadline.cancel(false);
            try {
                response.close();
            } catch (RuntimeException ignored) {
                // closing a broken exchange; the connection is discarded either way
            }
        }
    }

    /** Turns Helidon's unchecked I/O failures into IOExceptions and notes read timeouts. */
    private final class Guarded extends InputStream {
        private final InputStream in;

        Guarded(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw failure(e);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            try {
                return in.read(target, offset, length);
            } catch (UncheckedIOException | IllegalStateException e) {
                throw failure(e);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private IOException failure(Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    timedOut = true;
                }
            }
            return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }

        @Override
        public void close() {
            // the response owns the stream; HelidonUpstreamResponse.close() releases it
        }
    }
}
