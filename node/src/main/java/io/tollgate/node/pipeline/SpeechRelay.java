package io.tollgate.node.pipeline;

import io.tollgate.adapters.Usage;
import io.tollgate.adapters.spi.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays a text-to-speech answer to the client as it arrives, each read flushed at once, with the upstream's
 * content type: the first bytes of audio reach the client while the upstream still speaks. Speech is priced per
 * character of input, so its cost is known before the first byte and goes out as the {@code x-tollgate-cost-usd}
 * header; a relay cut short (the client gone, the upstream failing) is still charged in full, as the provider
 * charges it. Stateless.
 */
final class SpeechRelay {

    private static final Logger LOG = Logger.getLogger(SpeechRelay.class.getName());
    private static final int BUFFER = 16 * 1024;

    private SpeechRelay() {
    }

    static void relay(Exchange exchange, Route route, UpstreamResponse response) {
        exchange.usage(Usage.of(TokenBounds.characters(exchange.body()), 0));
        exchange.channel().header(AccountStage.COST_HEADER, route.price()
                .map(price -> price.cost(exchange.usage()).plus(exchange.surcharge()).toUsdString())
                .orElse("unpriced"));
        OutputStream out;
        try {
            out = exchange.channel().startStream(response.header("content-type").orElse("application/octet-stream"));
        } catch (IOException clientGone) {
            return;
        }
        exchange.markStreamed();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = response.body()) {
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "speech " + exchange.id() + " ended early upstream", e);
                    exchange.markStreamFailed();
                    return;
                }
                if (read < 0) {
                    return;
                }
                try {
                    out.write(buffer, 0, read);
                    out.flush();
                } catch (IOException | RuntimeException clientGone) {
                    LOG.log(Level.FINE, "client went away during speech {0}", exchange.id());
                    exchange.markStreamFailed();
                    return;
                }
                exchange.markFirstByte();
            }
        } catch (IOException closing) {
            // the upstream's body could not be closed cleanly; what was relayed stands
        } finally {
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the client is gone; nothing to finish
            }
        }
    }
}
