package io.tollgate.cluster.governance;

import io.tollgate.cluster.ledger.Level;
import io.tollgate.config.GovernanceConfig;
import java.util.List;
import java.util.Optional;

/**
 * The governance definitions of the cluster: customers, teams and virtual keys, with their budgets, rate limits
 * and provider configs. Thread-safe.
 *
 * <p><b>Reads</b> ({@link #keyByValue}, {@link #key}, {@link #team}, {@link #customer}, the lists and
 * {@link #path}) answer from this node's local copy without a grid round trip: they are meant for every request.
 * A write made on this node is visible to them when the write returns; a write made on another node arrives with
 * the grid's change events, normally within milliseconds.
 *
 * <p><b>Writes</b> are management calls: each is checked, stored in the grid (compare-and-set, so concurrent
 * changes of one definition never silently overwrite each other) and then reported to the
 * {@link io.tollgate.cluster.ledger.BudgetLedger} when counters must move or go. They throw
 * {@link GovernanceException} (INVALID, NOT_FOUND, CONFLICT, naming the field) and let the ledger's
 * {@link io.tollgate.cluster.ledger.LedgerUnavailableException} through.
 */
public interface GovernanceRegistry {

    /**
     * The key whose value this is, active or not (ask {@link VirtualKey#usableAt}); empty for an unknown value or
     * anything that is not a {@code tg-} value. Hashes the value and looks the hash up: no comparison of secret
     * bytes happens, so there is no timing signal to guard (a timing difference could only reveal something
     * about the hash of the attacker's own guess, which says nothing about any stored value).
     */
    Optional<VirtualKey> keyByValue(String presented);

    /** The key with this id. */
    Optional<VirtualKey> key(String id);

    /** The team with this id. */
    Optional<Team> team(String id);

    /** The customer with this id. */
    Optional<Customer> customer(String id);

    /** Every customer, by name. */
    List<Customer> customers();

    /** Every team, by name. */
    List<Team> teams();

    /** Every virtual key, by name. */
    List<VirtualKey> keys();

    /**
     * Everything governance checks for a request of {@code key} on {@code provider}: account, budgets, windows,
     * model rules. Cached per key id and provider until any definition changes, so it follows the key's
     * current definition on this node even when {@code key} is an older copy. Local; a grid read happens only in
     * the moment after another node created the key's team or customer, before its event arrived.
     */
    Path path(VirtualKey key, String provider);

    /**
     * The counters an owner holds and their account: {@code level} CUSTOMER, TEAM or VIRTUAL_KEY with the owner's
     * id, or PROVIDER_CONFIG with {@code keyId/provider}. A key's counters include its provider configs'.
     *
     * @throws GovernanceException NOT_FOUND when there is no such owner
     */
    OwnerCounters counters(Level level, String id);

    /**
     * Creates a customer.
     *
     * @throws GovernanceException CONFLICT when the name is taken
     */
    Customer createCustomer(CustomerDraft draft);

    /**
     * Replaces a customer's definition; budgets it no longer has are removed from the ledger.
     *
     * @throws GovernanceException NOT_FOUND, or CONFLICT when the new name is taken
     */
    Customer updateCustomer(String id, CustomerDraft draft);

    /**
     * Deletes a customer and its counters.
     *
     * @throws GovernanceException NOT_FOUND, or CONFLICT while it has teams or keys
     */
    void deleteCustomer(String id);

    /**
     * Creates a team.
     *
     * @throws GovernanceException INVALID for an unknown customer, CONFLICT for a taken name
     */
    Team createTeam(TeamDraft draft);

    /**
     * Replaces a team's definition. Moving it to another customer moves its counters and those of its keys to
     * the new account.
     *
     * @throws GovernanceException NOT_FOUND, INVALID for an unknown customer, CONFLICT for a taken name
     */
    Team updateTeam(String id, TeamDraft draft);

    /**
     * Deletes a team and its counters.
     *
     * @throws GovernanceException NOT_FOUND, or CONFLICT while it has keys
     */
    void deleteTeam(String id);

    /**
     * Creates a key with a new random value, returned here and never again.
     *
     * @throws GovernanceException INVALID for an unknown team, customer or provider; CONFLICT for a taken name
     */
    CreatedKey createKey(VirtualKeyDraft draft);

    /**
     * Replaces a key's definition (its value stays). A new owner moves its counters to the new account.
     *
     * @throws GovernanceException NOT_FOUND, INVALID, or CONFLICT for a taken name
     */
    VirtualKey updateKey(String id, VirtualKeyDraft draft);

    /**
     * Deletes a key and its counters.
     *
     * @throws GovernanceException NOT_FOUND
     */
    void deleteKey(String id);

    /**
     * Gives a key a new random value, returned here and never again; the old value stops working at once on
     * this node and with the change event on the others.
     *
     * @throws GovernanceException NOT_FOUND
     */
    CreatedKey rotate(String keyId);

    /**
     * Sets the usage of an owner's counters to zero in their current period (see {@link #counters}).
     *
     * @throws GovernanceException NOT_FOUND when there is no such owner
     */
    void resetUsage(Level level, String id);

    /**
     * Applies the configuration's customers, teams and keys, matched by name: absent ones are created (a key
     * with the given value, stored as its hash), differing ones updated, equal ones left alone. Never deletes.
     *
     * @throws GovernanceException naming the seed ({@code teams[1].customer}) for an unknown reference, an
     *     unknown provider or a name taken by another definition
     */
    SeedReport applySeeds(GovernanceConfig seeds);

    /** The limits every owner defines (customers, teams, keys, keys' provider configs), for the listings. */
    List<OwnerLimits> allLimits();

    /** The limits on a key's paths: its own, its provider configs', its team's and its customer's. */
    List<OwnerLimits> limitsOf(VirtualKey key);
}
