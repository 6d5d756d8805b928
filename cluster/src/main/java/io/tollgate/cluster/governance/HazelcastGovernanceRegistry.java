package io.tollgate.cluster.governance;

import com.hazelcast.core.HazelcastInstance;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.store.Codec;
import io.tollgate.config.GovernanceConfig;
import io.tollgate.config.KeyProviderSpec;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link GovernanceRegistry} over the grid: definitions live in the maps {@value #CUSTOMERS_MAP},
 * {@value #TEAMS_MAP} and {@value #KEYS_MAP} (id to versioned JSON), names and key hashes are claimed in
 * {@value #NAMES_MAP}, and every node keeps a local copy current through entry listeners. Thread-safe.
 */
public final class HazelcastGovernanceRegistry implements GovernanceRegistry, AutoCloseable {

    /** Customers by id, values JSON with {@code "v": 1}. */
    public static final String CUSTOMERS_MAP = "tollgate.customers";
    /** Teams by id, values JSON with {@code "v": 1}. */
    public static final String TEAMS_MAP = "tollgate.teams";
    /** Virtual keys by id, values JSON with {@code "v": 1} (the key's value only as its SHA-256). */
    public static final String KEYS_MAP = "tollgate.keys";
    private static final String SYNC_EXECUTOR = "tollgate.governance.sync";
    private static final long SYNC_TIMEOUT_SECONDS = 10;
    /** Uniqueness claims (names, key hashes); derived from the definitions and rebuilt at start: not persisted. */
    public static final String NAMES_MAP = Claims.MAP_NAME;

    private final Definitions defs;
    private final Set<String> providers;
    private final OwnerWrites owners;
    private final KeyWrites keys;
    private final HazelcastInstance instance;

    private HazelcastGovernanceRegistry(Definitions defs, Set<String> providers, HazelcastInstance instance) {
        this.instance = instance;
        this.defs = defs;
        this.providers = providers;
        this.owners = new OwnerWrites(defs);
        this.keys = new KeyWrites(defs);
    }

    /**
     * Starts the registry on a member: subscribes to changes, loads every definition into the local view and
     * restores missing name claims. Blocks until loaded.
     *
     * @param grid the member
     * @param ledger told when counters move (an owner changes its root) or go (an owner or budget is deleted)
     * @param clock stamps createdAt and updatedAt and the ledger calls
     * @param providers the configured provider names; a provider config must name one of them
     */
    public static HazelcastGovernanceRegistry create(Grid grid, BudgetLedger ledger, Clock clock,
                                                     Set<String> providers) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(clock, "clock");
        Set<String> configured = Set.copyOf(providers);
        HazelcastInstance instance = grid.instance();
        LocalView view = new LocalView();
        Definitions defs = new Definitions(
                new DefinitionMap<>("customer", instance.getMap(CUSTOMERS_MAP), view, view.customers(),
                        Customer::id, DefinitionJson::encode, DefinitionJson::customer),
                new DefinitionMap<>("team", instance.getMap(TEAMS_MAP), view, view.teams(),
                        Team::id, DefinitionJson::encode, DefinitionJson::team),
                new DefinitionMap<>("virtual key", instance.getMap(KEYS_MAP), view, view.keys(),
                        VirtualKey::id, DefinitionJson::encode, DefinitionJson::key),
                new Claims(instance.getMap(NAMES_MAP)), view, ledger, clock, configured);
        defs.customers.start();
        defs.teams.start();
        defs.keys.start();
        view.loaded();
        defs.claims.restore(claimsOf(view));
        HazelcastGovernanceRegistry registry = new HazelcastGovernanceRegistry(defs, configured, instance);
        instance.getUserContext().put(SyncDefinition.CONTEXT_KEY, registry);
        return registry;
    }

    /** Brings this member's local view up to one entry of a definition map (see {@link SyncDefinition}). */
    void refresh(String mapName, String key) {
        for (DefinitionMap<?> map : List.of(defs.customers, defs.teams, defs.keys)) {
            if (map.mapName().equals(mapName)) {
                map.refresh(key);
            }
        }
    }

    /**
     * Makes every member re-read this definition before a management call returns. A member that does not answer
     * within the timeout still gets the change through its map listener; the write itself has already landed.
     */
    private <T> T synced(String mapName, String key, T result) {
        io.tollgate.cluster.grid.Broadcast.toEveryMember(instance, SYNC_EXECUTOR, new SyncDefinition(mapName, key),
                java.time.Duration.ofSeconds(SYNC_TIMEOUT_SECONDS)).ifPresent(why ->
                java.util.logging.Logger.getLogger(HazelcastGovernanceRegistry.class.getName()).warning(
                        "not every member confirmed the change of " + mapName + " '" + key + "': " + why));
        return result;
    }

    /**
     * The codecs of the persisted maps ({@value #CUSTOMERS_MAP}, {@value #TEAMS_MAP}, {@value #KEYS_MAP}). Their
     * values are already versioned JSON strings, so encoding is the identity; decoding checks the format version
     * and throws {@link IllegalArgumentException} naming it.
     */
    public static Map<String, Codec<String>> codecs() {
        Codec<String> json = new Codec<>() {
            @Override
            public String encode(String value) {
                return value;
            }

            @Override
            public String decode(String text) {
                DefinitionJson.parse(text);
                return text;
            }
        };
        return Map.of(CUSTOMERS_MAP, json, TEAMS_MAP, json, KEYS_MAP, json);
    }

    @Override
    public Optional<VirtualKey> keyByValue(String presented) {
        if (presented.length() > KeyValues.MAX_VALUE_LENGTH || !presented.startsWith(KeyValues.VALUE_PREFIX)) {
            return Optional.empty();
        }
        return defs.view.keyByHash(KeyValues.hash(presented));
    }

    @Override
    public Optional<VirtualKey> key(String id) {
        return defs.view.keys().get(id);
    }

    @Override
    public Optional<Team> team(String id) {
        return defs.view.teams().get(id);
    }

    @Override
    public Optional<Customer> customer(String id) {
        return defs.view.customers().get(id);
    }

    @Override
    public List<Customer> customers() {
        return defs.view.customers().all();
    }

    @Override
    public List<Team> teams() {
        return defs.view.teams().all();
    }

    @Override
    public List<VirtualKey> keys() {
        return defs.view.keys().all();
    }

    @Override
    public Path path(VirtualKey key, String provider) {
        if (!providers.contains(provider)) {
            return resolve(key, provider).path(); // not cached: the name may come from a request
        }
        return defs.view.path(key, provider, this::resolve);
    }

    @Override
    public OwnerCounters counters(Level level, String id) {
        return switch (level) {
            case CUSTOMER -> new OwnerCounters(id, Counters.ids(defs.customers.require(id).value()));
            case TEAM -> {
                Team team = defs.teams.require(id).value();
                yield new OwnerCounters(team.accountId(), Counters.ids(team));
            }
            case VIRTUAL_KEY -> {
                VirtualKey key = defs.keys.require(id).value();
                yield new OwnerCounters(defs.accountOf(key), Counters.ids(key));
            }
            case PROVIDER_CONFIG -> {
                int slash = id.indexOf('/');
                String keyId = slash < 0 ? id : id.substring(0, slash);
                VirtualKey key = defs.keys.require(keyId).value();
                KeyProviderSpec config = key.providerConfig(slash < 0 ? "" : id.substring(slash + 1))
                        .orElseThrow(() -> GovernanceException.notFound("provider config", id));
                yield new OwnerCounters(defs.accountOf(key), Counters.ids(config, key));
            }
            case END_USER -> {
                int slash = id.indexOf('/');
                VirtualKey key = defs.keys.require(slash < 0 ? id : id.substring(0, slash)).value();
                yield new OwnerCounters(defs.accountOf(key), Counters.ids(key, slash < 0 ? "" : id.substring(slash + 1)));
            }
            case TAG -> throw GovernanceException.notFound("owner (tag budgets are configured, not governed here)", id);
        };
    }

    @Override
    public List<OwnerLimits> allLimits() {
        List<OwnerLimits> all = new java.util.ArrayList<>();
        customers().forEach(customer -> all.add(limits(customer)));
        teams().forEach(team -> all.add(limits(team)));
        for (VirtualKey key : keys()) {
            all.addAll(keyLimits(key));
        }
        return all;
    }

    @Override
    public List<OwnerLimits> limitsOf(VirtualKey key) {
        List<OwnerLimits> limits = new java.util.ArrayList<>(keyLimits(key));
        Optional<Team> team = key.teamId().flatMap(this::team);
        team.ifPresent(t -> limits.add(limits(t)));
        Optional<String> customerId = key.customerId().or(() -> team.flatMap(Team::customerId));
        customerId.flatMap(this::customer).ifPresent(c -> limits.add(limits(c)));
        return limits;
    }

    private static OwnerLimits limits(Customer customer) {
        return new OwnerLimits(customer.id(), Level.CUSTOMER, customer.id(), customer.name(),
                Counters.budgets(customer), List.of());
    }

    private static OwnerLimits limits(Team team) {
        return new OwnerLimits(team.accountId(), Level.TEAM, team.id(), team.name(), Counters.budgets(team),
                List.of());
    }

    private List<OwnerLimits> keyLimits(VirtualKey key) {
        String account = defs.accountOf(key);
        List<OwnerLimits> limits = new java.util.ArrayList<>();
        limits.add(new OwnerLimits(account, Level.VIRTUAL_KEY, key.id(), key.name(), Counters.budgets(key),
                Counters.windows(key)));
        for (KeyProviderSpec config : key.providerConfigs()) {
            limits.add(new OwnerLimits(account, Level.PROVIDER_CONFIG, Counters.providerOwner(key, config),
                    key.name() + "/" + config.provider(), Counters.budgets(key, config), Counters.windows(key, config)));
        }
        return limits;
    }

    @Override
    public Customer createCustomer(CustomerDraft draft) {
        Customer created = owners.createCustomer(draft);
        return synced(CUSTOMERS_MAP, created.id(), created);
    }

    @Override
    public Customer updateCustomer(String id, CustomerDraft draft) {
        return synced(CUSTOMERS_MAP, id, owners.updateCustomer(id, draft));
    }

    @Override
    public void deleteCustomer(String id) {
        owners.deleteCustomer(id);
        synced(CUSTOMERS_MAP, id, id);
    }

    @Override
    public Team createTeam(TeamDraft draft) {
        Team created = owners.createTeam(draft);
        return synced(TEAMS_MAP, created.id(), created);
    }

    @Override
    public Team updateTeam(String id, TeamDraft draft) {
        return synced(TEAMS_MAP, id, owners.updateTeam(id, draft));
    }

    @Override
    public void deleteTeam(String id) {
        owners.deleteTeam(id);
        synced(TEAMS_MAP, id, id);
    }

    @Override
    public CreatedKey createKey(VirtualKeyDraft draft) {
        CreatedKey created = keys.create(draft);
        return synced(KEYS_MAP, created.key().id(), created);
    }

    @Override
    public VirtualKey updateKey(String id, VirtualKeyDraft draft) {
        return synced(KEYS_MAP, id, keys.update(id, draft));
    }

    @Override
    public void deleteKey(String id) {
        keys.delete(id);
        synced(KEYS_MAP, id, id);
    }

    @Override
    public CreatedKey rotate(String keyId) {
        return synced(KEYS_MAP, keyId, keys.rotate(keyId));
    }

    @Override
    public void resetUsage(Level level, String id) {
        OwnerCounters counters = counters(level, id);
        if (!counters.counterIds().isEmpty()) {
            defs.ledger.reset(counters.accountId(), counters.counterIds(), defs.now());
        }
    }

    @Override
    public SeedReport applySeeds(GovernanceConfig seeds) {
        return new SeedApplier(defs, owners, keys).apply(seeds);
    }

    /** Stops following the grid's changes; reads then answer from the last state seen. */
    @Override
    public void close() {
        if (!instance.getLifecycleService().isRunning()) {
            return; // the member is gone, and its listeners and context with it
        }
        instance.getUserContext().remove(SyncDefinition.CONTEXT_KEY, this);
        defs.customers.stop();
        defs.teams.stop();
        defs.keys.stop();
    }

    /**
     * The path from the local view. A team or customer the view lacks is read from the grid (its change event
     * may not have arrived yet); a path missing one is not cached.
     */
    private LocalView.Resolved resolve(VirtualKey key, String provider) {
        Optional<Team> team = key.teamId().flatMap(id -> local(defs.teams, id));
        Optional<String> customerId = key.customerId().or(() -> team.flatMap(Team::customerId));
        Optional<Customer> customer = customerId.flatMap(id -> local(defs.customers, id));
        boolean complete = team.isPresent() == key.teamId().isPresent()
                && customer.isPresent() == customerId.isPresent();
        return new LocalView.Resolved(Path.compute(key, provider, team, customer), complete);
    }

    private static <T> Optional<T> local(DefinitionMap<T> map, String id) {
        Optional<T> local = map.section().get(id);
        return local.isPresent() ? local : map.fetch(id).map(DefinitionMap.Current::value);
    }

    private static Map<String, String> claimsOf(LocalView view) {
        Map<String, String> claims = new HashMap<>();
        view.customers().all().forEach(customer -> claims.put(Claims.customer(customer.name()), customer.id()));
        view.teams().all().forEach(team -> claims.put(Claims.team(team.name()), team.id()));
        view.keys().all().forEach(key -> {
            claims.put(Claims.key(key.name()), key.id());
            claims.put(Claims.hash(key.valueHash()), key.id());
        });
        return claims;
    }
}
