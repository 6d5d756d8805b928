package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.config.KeyProviderSpec;
import io.tollgate.config.ProviderKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the provider key that serves the request: weighted random over the provider's keys, limited to the
 * virtual key's {@code key_ids} for that provider when it names some.
 */
public final class BalanceStage implements Stage {

    private final Map<String, KeyChooser> choosers = new HashMap<>();

    private BalanceStage(Map<String, io.tollgate.adapters.spi.ProviderAdapter> adapters) {
        adapters.forEach((name, adapter) -> choosers.put(name, KeyChooser.of(adapter.config().keys())));
    }

    /** A balance stage over these providers' keys. */
    public static BalanceStage create(Map<String, io.tollgate.adapters.spi.ProviderAdapter> adapters) {
        return new BalanceStage(adapters);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Target target = exchange.target().orElseThrow(() -> new IllegalStateException("balance before route"));
        String provider = target.model().provider();
        List<String> allowed = exchange.governed()
                .flatMap(g -> providerSpec(g.key().providerConfigs(), provider))
                .map(KeyProviderSpec::keyIds)
                .orElse(List.of());
        KeyChooser chooser = choosers.get(provider);
        ProviderKey key = allowed.isEmpty() ? chooser.choose() : chooser.chooseAmong(allowed).orElseThrow(() ->
                GatewayException.of(ErrorKind.PERMISSION, "None of the provider keys this virtual key may use ("
                        + String.join(", ", allowed) + ") exists on provider '" + provider + "'.")
                        .withCode("provider_blocked"));
        exchange.route(new Route(target.model(), target.adapter(), key, target.price()));
        next.proceed(exchange);
    }

    static Optional<KeyProviderSpec> providerSpec(List<KeyProviderSpec> specs, String provider) {
        for (KeyProviderSpec spec : specs) {
            if (spec.provider().equals(provider)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }
}
