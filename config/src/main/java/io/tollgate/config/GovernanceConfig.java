package io.tollgate.config;

import java.util.List;
import java.util.Objects;

/**
 * Virtual keys, budgets and rate limits: how they are enforced, and the customers, teams and keys declared in
 * the file (applied at start, matched by name, so applying the same file twice changes nothing).
 *
 * @param enforce true (the default) rejects requests without a virtual key
 * @param defaultOutputTokens the output allowance reserved when a request gives no {@code max_tokens}
 * @param onStateUnavailable what to do when the ledger cannot be reached: fail closed (503) or serve and record
 * @param reservationTimeoutMs after this long an unsettled reservation is reclaimed
 * @param leases how nodes lease parts of an account's room to keep the ledger off the per-request path
 * @param customers customers declared here
 * @param teams teams declared here
 * @param virtualKeys virtual keys declared here
 * @param tags the request tags allowed, their bounds and their budgets
 */
public record GovernanceConfig(boolean enforce, long defaultOutputTokens, StateUnavailable onStateUnavailable,
                               long reservationTimeoutMs, LeaseConfig leases, List<CustomerSeed> customers,
                               List<TeamSeed> teams, List<VirtualKeySeed> virtualKeys, TagsConfig tags) {

    /** Enforced, 1024 output tokens, fail closed, 15-minute reservations, default leases, nothing declared. */
    public static final GovernanceConfig DEFAULT = new GovernanceConfig(true, 1024, StateUnavailable.CLOSED,
            900_000, LeaseConfig.DEFAULT, List.of(), List.of(), List.of());

    /** No tags declared. */
    public GovernanceConfig(boolean enforce, long defaultOutputTokens, StateUnavailable onStateUnavailable,
                            long reservationTimeoutMs, LeaseConfig leases, List<CustomerSeed> customers,
                            List<TeamSeed> teams, List<VirtualKeySeed> virtualKeys) {
        this(enforce, defaultOutputTokens, onStateUnavailable, reservationTimeoutMs, leases, customers, teams,
                virtualKeys, TagsConfig.NONE);
    }

    /** What happens when the governance state cannot be reached. */
    public enum StateUnavailable {
        /** Refuse with 503 (the default). */
        CLOSED,
        /** Serve, and record the spend for later settlement. */
        OPEN
    }

    public GovernanceConfig {
        Objects.requireNonNull(onStateUnavailable, "onStateUnavailable");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(tags, "tags");
        customers = List.copyOf(customers);
        teams = List.copyOf(teams);
        virtualKeys = List.copyOf(virtualKeys);
        if (defaultOutputTokens < 1) {
            throw new IllegalArgumentException("default_output_tokens must be at least 1, was " + defaultOutputTokens);
        }
        if (reservationTimeoutMs < 1_000) {
            throw new IllegalArgumentException("reservation_timeout_ms must be at least 1000, was "
                    + reservationTimeoutMs);
        }
    }
}
