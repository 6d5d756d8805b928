package io.tollgate.node.reconcile;

import io.tollgate.cluster.reconcile.GatewayFigure;
import io.tollgate.cluster.reconcile.ProviderFigure;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One day and model of a reconciliation.
 *
 * @param day the UTC day
 * @param model the model, as the gateway sent it (a provider's dated snapshot name maps to it)
 * @param gateway the gateway's sums, empty when it saw no request
 * @param provider the provider's figures (summed over the snapshot names that map to the model), from its API when
 *     imported, else from an invoice; empty when the provider reported nothing
 * @param differenceNanos provider cost minus gateway cost, in nano-dollars; empty without provider figures
 * @param causes the likely causes of a difference, empty when both sides agree
 */
public record Line(LocalDate day, String model, Optional<GatewayFigure> gateway, Optional<ProviderFigure> provider,
                   OptionalLong differenceNanos, List<Cause> causes) {

    public Line {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(differenceNanos, "differenceNanos");
        causes = List.copyOf(causes);
    }

    /**
     * A likely cause of a difference.
     *
     * @param code {@code bypass}, {@code pricing_drift}, {@code provider_counted_less}, {@code unexplained},
     *     {@code missing_provider_data} or {@code gateway_only}
     * @param unseenTokens for {@code bypass}: tokens the provider counted beyond the gateway's, over all types
     * @param unseenRequests for {@code bypass}: requests the provider counted beyond the gateway's, when it counts them
     */
    public record Cause(String code, OptionalLong unseenTokens, OptionalLong unseenRequests) {

        public Cause {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(unseenTokens, "unseenTokens");
            Objects.requireNonNull(unseenRequests, "unseenRequests");
        }

        static Cause of(String code) {
            return new Cause(code, OptionalLong.empty(), OptionalLong.empty());
        }
    }
}
