package io.tollgate.node.pipeline;

import java.util.Map;

/**
 * Sends a call on a provider's stored resources ({@link ResourceCall}) with the route's key and takes its answer
 * whole: file and batch objects are small JSON, which {@link BatchStage} reads to record what was created; a file's
 * content is relayed as it came, with its content type.
 */
final class ResourceInvoke {

    private ResourceInvoke() {
    }

    static void call(Exchange exchange, Route route, Map<String, String> passHeaders) {
        ResourceCall call = exchange.resource().orElseThrow();
        InvokeStage.call(exchange, route, () -> route.adapter().call(route.key(), call.method(), call.path(),
                call.body(), call.contentType(), passHeaders), response -> {
                    byte[] body = InvokeStage.readAll(response, Integer.MAX_VALUE);
                    exchange.response(new Exchange.Response(response.status(),
                            response.header("content-type").orElse("application/json"), body));
                    call.answered(exchange);
                });
    }
}
