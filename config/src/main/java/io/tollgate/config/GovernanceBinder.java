package io.tollgate.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code governance} section: its settings and the declared customers and teams; virtual keys have
 * their own binder. Customers are bound before teams and teams before keys, so a reference is checked against
 * every declared name wherever it sits in the file.
 */
final class GovernanceBinder {

    /** Keys allowed under {@code governance}. */
    static final Set<String> GOVERNANCE_KEYS = Set.of("enforce", "default_output_tokens", "on_state_unavailable",
            "reservation_timeout_ms", "leases", "customers", "teams", "virtual_keys", "tags");
    /** Keys allowed under {@code governance.tags}. */
    static final Set<String> TAGS_KEYS = Set.of("names", "on_unknown", "budgets");
    /** Keys allowed under one name of {@code governance.tags.names}. */
    static final Set<String> TAG_NAME_KEYS = Set.of("max_values", "metric_label");
    /** Keys allowed in one element of {@code governance.tags.budgets}. */
    static final Set<String> TAG_BUDGET_KEYS = Set.of("tag", "value", "budgets", "budget");
    /** Keys allowed under {@code governance.leases}. */
    static final Set<String> LEASE_KEYS = Set.of("enabled", "flush_interval_ms", "ttl_ms", "idle_ms");
    /** Keys allowed in one element of {@code customers}. */
    static final Set<String> CUSTOMER_KEYS = Set.of("name", "budgets", "plan");
    /** Keys allowed in one element of {@code teams}. */
    static final Set<String> TEAM_KEYS = Set.of("name", "customer", "budgets", "plan");

    private GovernanceBinder() {
    }

    /** Binds the section; {@code providers} are the configured providers a key's provider configs may name. */
    static GovernanceConfig bind(ConfigNode node, Map<String, ProviderConfig> providers) {
        node.requireKeys(GOVERNANCE_KEYS);
        GovernanceConfig defaults = GovernanceConfig.DEFAULT;
        boolean enforce = node.boolOr("enforce", defaults.enforce());
        long defaultOutputTokens = node.longOr("default_output_tokens", defaults.defaultOutputTokens());
        GovernanceConfig.StateUnavailable onStateUnavailable = node.field("on_state_unavailable")
                .map(value -> value.oneOf(GovernanceConfig.StateUnavailable.values()))
                .orElse(defaults.onStateUnavailable());
        long reservationTimeoutMs = node.longOr("reservation_timeout_ms", defaults.reservationTimeoutMs());
        LeaseConfig leases = node.field("leases").map(GovernanceBinder::leases).orElse(LeaseConfig.DEFAULT);
        List<CustomerSeed> customers = customers(node);
        Set<String> customerNames = new LinkedHashSet<>(customers.stream().map(CustomerSeed::name).toList());
        List<TeamSeed> teams = teams(node, customerNames);
        Set<String> teamNames = new LinkedHashSet<>(teams.stream().map(TeamSeed::name).toList());
        List<VirtualKeySeed> virtualKeys = VirtualKeyBinder.bind(
                node.field("virtual_keys").map(ConfigNode::list).orElse(List.of()),
                new VirtualKeyBinder.Names(customerNames, teamNames, providers));
        TagsConfig tags = node.field("tags").map(GovernanceBinder::tags).orElse(TagsConfig.NONE);
        return node.build(GOVERNANCE_KEYS, () -> new GovernanceConfig(enforce, defaultOutputTokens,
                onStateUnavailable, reservationTimeoutMs, leases, customers, teams, virtualKeys, tags));
    }

    private static TagsConfig tags(ConfigNode node) {
        node.requireKeys(TAGS_KEYS);
        java.util.Map<String, TagsConfig.TagSpec> names = new java.util.TreeMap<>();
        node.field("names").ifPresent(map -> map.entries().forEach(entry -> {
            String name = entry.getKey();
            ConfigNode spec = entry.getValue();
            if (!TagsConfig.NAME.matcher(name).matches()) {
                throw spec.error("tag name '" + name + "' must be lower-case letters, digits, '_' or '-' (at most 64)");
            }
            spec.requireKeys(TAG_NAME_KEYS);
            int maxValues = (int) spec.required("max_values").integer(1, 100_000);
            boolean metricLabel = spec.boolOr("metric_label", false);
            names.put(name, spec.build(TAG_NAME_KEYS, () -> new TagsConfig.TagSpec(maxValues, metricLabel)));
        }));
        TagsConfig.OnUnknown onUnknown = node.field("on_unknown")
                .map(value -> value.oneOf(TagsConfig.OnUnknown.values())).orElse(TagsConfig.OnUnknown.REJECT);
        List<TagsConfig.TagBudget> budgets = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        for (ConfigNode element : node.field("budgets").map(ConfigNode::list).orElse(List.of())) {
            element.requireKeys(TAG_BUDGET_KEYS);
            ConfigNode tagNode = element.required("tag");
            String tag = tagNode.string();
            if (!names.containsKey(tag)) {
                throw tagNode.error(ProblemText.unknownName("tag", tag, names.keySet(), "declared under tags.names"));
            }
            ConfigNode valueNode = element.required("value");
            String value = valueNode.string();
            TagsConfig.valueProblem(value).ifPresent(problem -> {
                throw valueNode.error(problem);
            });
            if (!owners.add(tag + "=" + value)) {
                throw valueNode.error("duplicate budget for tag " + tag + "=" + value);
            }
            List<BudgetSpec> limits = LimitBinder.budgets(element);
            budgets.add(element.build(TAG_BUDGET_KEYS, () -> new TagsConfig.TagBudget(tag, value, limits)));
        }
        return node.build(TAGS_KEYS, () -> new TagsConfig(names, onUnknown, budgets));
    }

    private static LeaseConfig leases(ConfigNode node) {
        node.requireKeys(LEASE_KEYS);
        LeaseConfig defaults = LeaseConfig.DEFAULT;
        boolean enabled = node.boolOr("enabled", defaults.enabled());
        long flushIntervalMs = node.longOr("flush_interval_ms", defaults.flushIntervalMs());
        long ttlMs = node.longOr("ttl_ms", defaults.ttlMs());
        long idleMs = node.longOr("idle_ms", defaults.idleMs());
        return node.build(LEASE_KEYS, () -> new LeaseConfig(enabled, flushIntervalMs, ttlMs, idleMs));
    }

    /**
     * The {@code name} of one declared element, unique within its kind: a repeat is reported at its own path.
     *
     * @param seen the names of this kind so far; the name is added to it
     */
    static String uniqueName(ConfigNode element, String kind, Set<String> seen) {
        ConfigNode nameNode = element.required("name");
        String name = nameNode.string();
        if (!seen.add(name)) {
            throw nameNode.error("duplicate " + kind + " name '" + name + "'");
        }
        return name;
    }

    /** The name at {@code key}, if present, which must be one of {@code declared}. */
    static Optional<String> reference(ConfigNode element, String key, String kind, Set<String> declared) {
        return element.field(key).map(node -> {
            String name = node.string();
            if (!declared.contains(name)) {
                throw node.error(ProblemText.unknownName(kind, name, declared, "declared"));
            }
            return name;
        });
    }

    private static List<CustomerSeed> customers(ConfigNode node) {
        List<CustomerSeed> customers = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ConfigNode element : node.field("customers").map(ConfigNode::list).orElse(List.of())) {
            element.requireKeys(CUSTOMER_KEYS);
            String name = uniqueName(element, "customer", names);
            List<BudgetSpec> budgets = LimitBinder.budgets(element);
            Optional<PlanSpec> plan = PlanBinder.plan(element);
            customers.add(element.build(CUSTOMER_KEYS, () -> new CustomerSeed(name, budgets, plan)));
        }
        return customers;
    }

    private static List<TeamSeed> teams(ConfigNode node, Set<String> customers) {
        List<TeamSeed> teams = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ConfigNode element : node.field("teams").map(ConfigNode::list).orElse(List.of())) {
            element.requireKeys(TEAM_KEYS);
            String name = uniqueName(element, "team", names);
            Optional<String> customer = reference(element, "customer", "customer", customers);
            List<BudgetSpec> budgets = LimitBinder.budgets(element);
            Optional<PlanSpec> plan = PlanBinder.plan(element);
            teams.add(element.build(TEAM_KEYS, () -> new TeamSeed(name, customer, budgets, plan)));
        }
        return teams;
    }
}
