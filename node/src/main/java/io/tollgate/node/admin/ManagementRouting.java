package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.access.Role;
import io.tollgate.cluster.governance.CreatedKey;
import io.tollgate.cluster.governance.GovernanceException;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.OwnerLimits;
import io.tollgate.cluster.governance.TeamDraft;
import io.tollgate.cluster.governance.VirtualKey;
import io.tollgate.cluster.governance.VirtualKeyDraft;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import io.tollgate.config.ConfigException;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.balance.KeyBalancer;
import io.tollgate.node.pipeline.ErrorBodies;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The management API: {@code /api/governance}, logs, spend, cache, cluster, economics, reconciliation, admin tokens
 * and the audit log. Every route but the quota needs an admin API token whose role covers it ({@link AccessControl}:
 * viewers read, operators also change governance and the cache and read bodies and the audit log, admins also
 * reach provider keys, reconciliation imports and tokens); a token scoped to a customer or team sees and changes
 * only its part of the hierarchy ({@link Scopes}) and nothing cluster-wide. Every change is written to the audit
 * log before it is answered ({@link Auditor}). The quota route is authenticated by the virtual key itself and shows
 * only its own limits. Answers use OpenAI's error shape: 400 with the field path, 401, 403, 404 for unknown ids (and
 * ids outside the token's scope), 409 for conflicting names, 429 after too many failed authentications.
 */
public final class ManagementRouting {

    private static final Logger LOG = Logger.getLogger(ManagementRouting.class.getName());
    private static final String BASE = "/api/governance";
    private static final String API = "management";
    private static final Role VIEWER = Role.VIEWER;
    private static final Role OPERATOR = Role.OPERATOR;
    private static final Role ADMIN = Role.ADMIN;

    private final GovernanceRegistry registry;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final AccessControl access;
    private final List<OwnerLimits> tagLimits;
    private final Scopes scopes;
    private final Auditor auditor;
    private final AuditAdmin audit;
    private final TokenAdmin tokens;
    private final Drafts drafts;

    private final io.tollgate.cluster.ClusterServices cluster;
    private final TollgateConfig config;
    private final Map<String, KeyBalancer> balancers;
    private final CacheAdmin cache;
    private final LogAdmin logs;
    private final IngestAdmin ingest;
    private final RevenueAdmin revenue;
    private final ReconcileAdmin reconcile;

    private ManagementRouting(io.tollgate.cluster.ClusterServices cluster, TollgateConfig config, Clock clock,
                              Map<String, KeyBalancer> balancers, io.tollgate.cache.ResponseCache cache,
                              java.util.function.Supplier<String> nodeUrl, java.util.function.Supplier<String> nodeName,
                              Reconciling reconciling, AccessControl access) {
        this.reconcile = new ReconcileAdmin(config, reconciling.catalog(), cluster.reconcile(), reconciling.imports());
        this.cache = new CacheAdmin(cache, config.cache(), cluster.registry(), nodeUrl);
        this.logs = new LogAdmin(cluster.requestLog());
        this.ingest = new IngestAdmin(cluster, reconciling.catalog(), config.providers(), clock, nodeName,
                java.time.Duration.ofMillis(config.governance().reservationTimeoutMs()));
        this.revenue = new RevenueAdmin(cluster.revenue(), cluster.registry(), clock);
        this.cluster = cluster;
        this.balancers = Map.copyOf(balancers);
        this.config = config;
        this.registry = cluster.registry();
        this.ledger = cluster.ledger();
        this.clock = clock;
        this.access = access;
        this.tagLimits = io.tollgate.node.pipeline.TagBudgets.of(config.governance().tags()).all().entrySet().stream()
                .map(tag -> new OwnerLimits(io.tollgate.node.pipeline.TagBudgets.account(tag.getKey()), Level.TAG,
                        tag.getKey(), "tag " + tag.getKey(), tag.getValue(), List.of()))
                .sorted(java.util.Comparator.comparing(OwnerLimits::ownerId)).toList();
        this.scopes = new Scopes(cluster.registry());
        this.auditor = new Auditor(cluster.audit(), clock, nodeName);
        this.audit = new AuditAdmin(cluster.audit());
        this.tokens = new TokenAdmin(cluster.adminTokens(), cluster.registry(), clock);
        this.drafts = new Drafts(config.providers());
    }

    /**
     * Adds the management routes; {@code balancers} are the node's key balancers by provider, {@code cache} its
     * response cache, {@code nodeUrl} the URL it is reached at, {@code nodeName} what the node's log rows name it,
     * {@code reconciling} the price catalog (ingested usage and reconciliation) and the provider imports,
     * {@code access} who may call which route.
     */
    public static void register(HttpRouting.Builder routing, io.tollgate.cluster.ClusterServices cluster,
                                TollgateConfig config, Clock clock, Map<String, KeyBalancer> balancers,
                                io.tollgate.cache.ResponseCache cache, java.util.function.Supplier<String> nodeUrl,
                                java.util.function.Supplier<String> nodeName, Reconciling reconciling,
                                AccessControl access) {
        new ManagementRouting(cluster, config, clock, balancers, cache, nodeUrl, nodeName, reconciling, access)
                .routes(routing);
    }

    /**
     * What the usage ingest and the reconciliation routes need besides the cluster.
     *
     * @param catalog the prices the gateway charges by
     * @param imports the provider imports
     */
    public record Reconciling(io.tollgate.adapters.pricing.PricingCatalog catalog,
                              io.tollgate.node.reconcile.ReconcileImports imports) {
        public Reconciling {
            java.util.Objects.requireNonNull(catalog, "catalog");
            java.util.Objects.requireNonNull(imports, "imports");
        }
    }

    private void routes(HttpRouting.Builder routing) {
        Dashboard.register(routing);
        routing.get(BASE + "/virtual-keys/quota", this::quota);
        customerRoutes(routing);
        teamRoutes(routing);
        keyRoutes(routing);
        endUserRoutes(routing);

        routing.get("/api/cluster/status", allow(VIEWER, req -> new Answer(200, StatusJson.status(cluster.status(),
                clock.instant()))));
        routing.get("/api/providers/keys", allow(ADMIN, req -> {
            unscoped(req, "read the provider keys");
            return list("keys", StatusJson.providerKeys(config, balancers));
        }));
        routing.get("/api/cache", allow(VIEWER, req -> {
            unscoped(req, "read the cache of every owner");
            return new Answer(200, cache.stats());
        }));
        routing.delete("/api/cache", allow(OPERATOR, req -> {
            unscoped(req, "clear the cache");
            Optional<String> scope = req.query().first("scope").asOptional();
            ObjectNode cleared = cache.clear(scope);
            auditor.record(req, principal(req), "cache.clear", "cache", scope.orElse("all"), Optional.empty(),
                    Optional.of(cleared));
            return new Answer(200, cleared);
        }));
        routing.get("/api/tags", allow(VIEWER, req -> new Answer(200, tags())));
        routing.get("/api/logs", allow(VIEWER, req -> new Answer(200, logs.page(req, principal(req)))));
        routing.get("/api/spend", allow(VIEWER, req -> new Answer(200, logs.spend(req, principal(req)))));
        routing.get("/api/logs/export", streamed(VIEWER, (req, res) -> logs.export(req, res, principal(req))));
        routing.get("/api/logs/{id}", allow(VIEWER, req -> new Answer(200, logs.one(req, principal(req)))));
        routing.post("/api/ingest", allow(OPERATOR, req -> {
            unscoped(req, "ingest usage");
            return new Answer(200, ingest.ingest(body(req)));
        }));
        routing.post("/api/revenue", allow(OPERATOR, req -> {
            unscoped(req, "record revenue");
            RevenueAdmin.Recorded recorded = revenue.record(body(req));
            return new Answer(recorded.status(), recorded.body());
        }));
        routing.get("/api/margin", allow(VIEWER, req -> {
            unscoped(req, "read every owner's margins");
            return new Answer(200, revenue.margin(req.query().first("period").asOptional(),
                    req.query().first("group_by").asOptional()));
        }));
        routing.get("/api/reconcile", allow(VIEWER, req -> {
            unscoped(req, "read the reconciliation");
            return new Answer(200, reconcile.compare(req));
        }));
        routing.post("/api/reconcile/import", allow(ADMIN, req -> {
            unscoped(req, "import provider figures");
            return new Answer(200, reconcile.importNow(req));
        }));
        routing.post("/api/reconcile/invoices", allow(ADMIN, req -> {
            unscoped(req, "upload invoices");
            return new Answer(201, reconcile.invoice(req));
        }));

        routing.get(BASE + "/budgets", allow(VIEWER, req -> list("budgets", counters(visibleLimits(req), true))));
        routing.get(BASE + "/rate-limits", allow(VIEWER, req -> list("rate_limits",
                counters(visibleLimits(req), false))));

        routing.get("/api/audit", allow(OPERATOR, req -> {
            unscoped(req, "read the audit log");
            return new Answer(200, audit.page(req));
        }));
        routing.get("/api/audit/export", streamed(OPERATOR, (req, res) -> {
            unscoped(req, "export the audit log");
            audit.export(req, res);
        }));
        tokenRoutes(routing);
    }

    private void customerRoutes(HttpRouting.Builder routing) {
        routing.get(BASE + "/customers", allow(VIEWER, req -> list("customers", registry.customers().stream()
                .filter(customer -> scopes.seesCustomer(principal(req), customer.id()))
                .map(GovernanceJson::customer).toList())));
        routing.post(BASE + "/customers", allow(OPERATOR, req -> {
            unscoped(req, "create customers");
            ObjectNode created = GovernanceJson.customer(registry.createCustomer(drafts.customer(body(req),
                    Optional.empty())));
            auditor.record(req, principal(req), "customer.create", "customer", created.path("id").asText(),
                    Optional.empty(), Optional.of(created));
            return created("customer", created);
        }));
        routing.get(BASE + "/customers/{id}", allow(VIEWER, req -> one("customer",
                GovernanceJson.customer(visibleCustomer(req)))));
        routing.put(BASE + "/customers/{id}", allow(OPERATOR, req -> {
            ObjectNode body = body(req);
            var existing = visibleCustomer(req);
            unscoped(req, "change the customer it is scoped to");
            var updated = registry.updateCustomer(existing.id(), drafts.customer(body, Optional.of(existing)));
            ObjectNode after = GovernanceJson.customer(updated);
            changed(req, body, "customer", existing.id(), GovernanceJson.customer(existing), after, Level.CUSTOMER);
            return one("customer", after);
        }));
        routing.delete(BASE + "/customers/{id}", allow(OPERATOR, req -> {
            var existing = visibleCustomer(req);
            unscoped(req, "delete the customer it is scoped to");
            registry.deleteCustomer(existing.id());
            auditor.record(req, principal(req), "customer.delete", "customer", existing.id(),
                    Optional.of(GovernanceJson.customer(existing)), Optional.empty());
            return message("customer " + existing.id() + " deleted");
        }));
    }

    private void teamRoutes(HttpRouting.Builder routing) {
        routing.get(BASE + "/teams", allow(VIEWER, req -> list("teams", registry.teams().stream()
                .filter(team -> scopes.seesTeam(principal(req), team)).map(GovernanceJson::team).toList())));
        routing.post(BASE + "/teams", allow(OPERATOR, req -> {
            TeamDraft draft = drafts.team(body(req), Optional.empty());
            requireChange(req, scopes.changesTeam(principal(req), draft.customerId()), "create this team");
            ObjectNode created = GovernanceJson.team(registry.createTeam(draft));
            auditor.record(req, principal(req), "team.create", "team", created.path("id").asText(),
                    Optional.empty(), Optional.of(created));
            return created("team", created);
        }));
        routing.get(BASE + "/teams/{id}", allow(VIEWER, req -> one("team", GovernanceJson.team(visibleTeam(req)))));
        routing.put(BASE + "/teams/{id}", allow(OPERATOR, req -> {
            ObjectNode body = body(req);
            var existing = visibleTeam(req);
            TeamDraft draft = drafts.team(body, Optional.of(existing));
            requireChange(req, scopes.changesTeam(principal(req), existing.customerId())
                    && scopes.changesTeam(principal(req), draft.customerId()), "change this team");
            ObjectNode after = GovernanceJson.team(registry.updateTeam(existing.id(), draft));
            changed(req, body, "team", existing.id(), GovernanceJson.team(existing), after, Level.TEAM);
            return one("team", after);
        }));
        routing.delete(BASE + "/teams/{id}", allow(OPERATOR, req -> {
            var existing = visibleTeam(req);
            requireChange(req, scopes.changesTeam(principal(req), existing.customerId()), "delete this team");
            registry.deleteTeam(existing.id());
            auditor.record(req, principal(req), "team.delete", "team", existing.id(),
                    Optional.of(GovernanceJson.team(existing)), Optional.empty());
            return message("team " + existing.id() + " deleted");
        }));
    }

    private void keyRoutes(HttpRouting.Builder routing) {
        routing.get(BASE + "/virtual-keys", allow(VIEWER, req -> list("virtual_keys", registry.keys().stream()
                .filter(key -> scopes.seesKey(principal(req), key)).map(GovernanceJson::key).toList())));
        routing.post(BASE + "/virtual-keys", allow(OPERATOR, req -> {
            VirtualKeyDraft draft = drafts.key(body(req), Optional.empty());
            requireChange(req, scopes.seesKeyOwnedBy(principal(req), draft.teamId(), draft.customerId()),
                    "create a key for that owner");
            CreatedKey created = registry.createKey(draft);
            auditor.record(req, principal(req), "virtual_key.create", "virtual_key", created.key().id(),
                    Optional.empty(), Optional.of(GovernanceJson.key(created.key())));
            return created("virtual_key", withValue(created));
        }));
        routing.get(BASE + "/virtual-keys/{id}", allow(VIEWER, req -> one("virtual_key",
                GovernanceJson.key(visibleKey(req)))));
        routing.put(BASE + "/virtual-keys/{id}", allow(OPERATOR, req -> {
            ObjectNode body = body(req);
            var existing = visibleKey(req);
            VirtualKeyDraft draft = drafts.key(body, Optional.of(existing));
            requireChange(req, scopes.seesKeyOwnedBy(principal(req), draft.teamId(), draft.customerId()),
                    "move the key to that owner");
            ObjectNode after = GovernanceJson.key(registry.updateKey(existing.id(), draft));
            changed(req, body, "virtual_key", existing.id(), GovernanceJson.key(existing), after,
                    Level.VIRTUAL_KEY);
            return one("virtual_key", after);
        }));
        routing.delete(BASE + "/virtual-keys/{id}", allow(OPERATOR, req -> {
            var existing = visibleKey(req);
            registry.deleteKey(existing.id());
            auditor.record(req, principal(req), "virtual_key.delete", "virtual_key", existing.id(),
                    Optional.of(GovernanceJson.key(existing)), Optional.empty());
            return message("virtual key " + existing.id() + " deleted");
        }));
        routing.post(BASE + "/virtual-keys/{id}/rotate", allow(OPERATOR, req -> {
            var existing = visibleKey(req);
            CreatedKey rotated = registry.rotate(existing.id());
            auditor.record(req, principal(req), "virtual_key.rotate", "virtual_key", existing.id(),
                    Optional.of(GovernanceJson.key(existing)), Optional.of(GovernanceJson.key(rotated.key())));
            return one("virtual_key", withValue(rotated));
        }));
    }

    /**
     * {@code /api/governance/virtual-keys/{id}/end-users/{user}}: one end user's limits under the key (its override,
     * else the key's end-user limits) with their counters; PUT sets an override ({@code {"budgets", "rate_limit"}}),
     * DELETE removes it.
     */
    private void endUserRoutes(HttpRouting.Builder routing) {
        String path = BASE + "/virtual-keys/{id}/end-users/{user}";
        routing.get(path, allow(VIEWER, req -> new Answer(200, endUser(visibleKey(req), user(req)))));
        routing.put(path, allow(OPERATOR, req -> {
            var key = visibleKey(req);
            var limits = Drafts.endUser(body(req));
            java.util.Map<String, io.tollgate.cluster.governance.EndUserLimits> overrides =
                    new java.util.TreeMap<>(key.endUserOverrides());
            overrides.put(user(req), limits);
            changeOverrides(req, key, overrides, Optional.of(GovernanceJson.endUser(limits)));
            return new Answer(200, endUser(registry.key(key.id()).orElseThrow(), user(req)));
        }));
        routing.delete(path, allow(OPERATOR, req -> {
            var key = visibleKey(req);
            if (!key.endUserOverrides().containsKey(user(req))) {
                throw GatewayException.of(ErrorKind.NOT_FOUND, "Virtual key '" + key.name() + "' has no override for "
                        + "end user '" + user(req) + "'.");
            }
            java.util.Map<String, io.tollgate.cluster.governance.EndUserLimits> overrides =
                    new java.util.TreeMap<>(key.endUserOverrides());
            overrides.remove(user(req));
            changeOverrides(req, key, overrides, Optional.empty());
            return new Answer(200, endUser(registry.key(key.id()).orElseThrow(), user(req)));
        }));
    }

    private void changeOverrides(ServerRequest req, VirtualKey key,
                                 java.util.Map<String, io.tollgate.cluster.governance.EndUserLimits> overrides,
                                 Optional<ObjectNode> after) {
        ObjectNode before = GovernanceJson.endUser(key.limitsOf(user(req)));
        registry.updateKey(key.id(), key.toDraft().withEndUserOverrides(overrides));
        auditor.record(req, principal(req), after.isPresent() ? "virtual_key.end_user_override"
                        : "virtual_key.end_user_override_delete", "virtual_key", key.id() + "/" + user(req),
                Optional.of(before), Optional.of(after.orElse(GovernanceJson.endUser(key.endUsers()))));
    }

    private ObjectNode endUser(VirtualKey key, String user) {
        ObjectNode out = Json.object();
        out.put("virtual_key_id", key.id());
        out.put("end_user", user);
        out.put("override", key.endUserOverrides().containsKey(user));
        out.set("limits", GovernanceJson.endUser(key.limitsOf(user)));
        var owned = registry.counters(Level.END_USER, key.id() + "/" + user);
        Instant now = clock.instant();
        ArrayNode counters = out.putArray("counters");
        ledger.counters(owned.accountId(), now).stream()
                .filter(view -> owned.counterIds().contains(view.counterId()))
                .forEach(view -> counters.add(GovernanceJson.counter(view, user, now)));
        return out;
    }

    /** The declared tags, their bounds and the values each has taken across the cluster. */
    private ObjectNode tags() {
        var declared = config.governance().tags();
        ObjectNode out = Json.object();
        out.put("on_unknown", declared.onUnknown().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode names = out.putArray("tags");
        declared.names().forEach((name, spec) -> {
            ObjectNode tag = names.addObject();
            tag.put("name", name);
            tag.put("max_values", spec.maxValues());
            tag.put("metric_label", spec.metricLabel());
            ArrayNode values = tag.putArray("values");
            new java.util.TreeSet<>(cluster.tagValues().values(name)).forEach(values::add);
        });
        return out;
    }

    private static String user(ServerRequest req) {
        String user = req.path().pathParameters().get("user");
        io.tollgate.config.TagsConfig.valueProblem(user).ifPresent(problem -> {
            throw GatewayException.invalid("end_user", "The end user's id " + problem + ".");
        });
        return user;
    }

    private void tokenRoutes(HttpRouting.Builder routing) {
        routing.get("/api/tokens", allow(ADMIN, req -> {
            unscoped(req, "list admin tokens");
            return list("admin_tokens", tokens.list().stream().map(TokenAdmin::json).toList());
        }));
        routing.post("/api/tokens", allow(ADMIN, req -> {
            unscoped(req, "create admin tokens");
            var created = tokens.create(body(req), principal(req));
            ObjectNode json = TokenAdmin.json(created.token());
            auditor.record(req, principal(req), "admin_token.create", "admin_token", created.token().id(),
                    Optional.empty(), Optional.of(json));
            ObjectNode shown = json.deepCopy();
            shown.put("value", created.value());
            return created("admin_token", shown);
        }));
        routing.delete("/api/tokens/{id}", allow(ADMIN, req -> {
            unscoped(req, "revoke admin tokens");
            var before = tokens.list().stream().filter(token -> token.id().equals(id(req))).findFirst();
            var revoked = tokens.revoke(id(req));
            if (before.map(token -> token.active()).orElse(false)) {
                auditor.record(req, principal(req), "admin_token.revoke", "admin_token", revoked.id(),
                        before.map(TokenAdmin::json), Optional.of(TokenAdmin.json(revoked)));
            }
            return one("admin_token", TokenAdmin.json(revoked));
        }));
    }

    private void quota(ServerRequest req, ServerResponse res) {
        respond(res, () -> {
            String presented = io.tollgate.node.pipeline.VirtualKeyHeaders.find(name ->
                    req.headers().first(HeaderNames.create(name))).orElseThrow(() -> GatewayException.of(
                    ErrorKind.AUTHENTICATION, "Send your virtual key as 'Authorization: Bearer tg-...'.")
                    .withCode("virtual_key_not_found"));
            VirtualKey key = registry.keyByValue(presented).orElseThrow(() -> GatewayException.of(
                    ErrorKind.AUTHENTICATION, "Unknown virtual key.").withCode("virtual_key_not_found"));
            ObjectNode out = Json.object();
            out.set("virtual_key", GovernanceJson.key(key));
            List<OwnerLimits> limits = registry.limitsOf(key);
            out.set("budgets", counters(limits, true));
            out.set("rate_limits", counters(limits, false));
            return new Answer(200, out);
        });
    }

    private ArrayNode counters(List<OwnerLimits> owners, boolean budgets) {
        Instant now = clock.instant();
        ArrayNode out = Json.MAPPER.createArrayNode();
        java.util.Map<String, java.util.Map<String, CounterView>> byAccount = new java.util.HashMap<>();
        java.util.List<ObjectNode> rows = new java.util.ArrayList<>();
        for (OwnerLimits owner : owners) {
            var views = byAccount.computeIfAbsent(owner.accountId(), account -> {
                java.util.Map<String, CounterView> map = new java.util.HashMap<>();
                ledger.counters(account, now).forEach(v -> map.put(v.counterId(), v));
                return map;
            });
            for (CounterView view : budgets ? owner.budgetViews(views) : owner.windowViews(views)) {
                rows.add(GovernanceJson.counter(view, owner.ownerName(), now));
            }
        }
        rows.sort(java.util.Comparator.comparingDouble((ObjectNode row) -> row.path("percent_used").asDouble())
                .reversed());
        rows.forEach(out::add);
        return out;
    }

    private static ObjectNode withValue(CreatedKey created) {
        ObjectNode key = GovernanceJson.key(created.key());
        key.put("value", created.value().reveal());
        return key;
    }

    /** A route that needs the {@code needed} role: the caller's principal is put in the request's context. */
    private Handler allow(Role needed, Function<ServerRequest, Answer> action) {
        return (req, res) -> respond(res, () -> {
            req.context().register(access.check(req, API, needed));
            return action.apply(req);
        });
    }

    /** A route that writes its own (streamed) answer; errors before the first byte are answered as JSON. */
    private Handler streamed(Role needed, Handler action) {
        return (req, res) -> {
            try {
                req.context().register(access.check(req, API, needed));
                action.handle(req, res);
            } catch (GatewayException e) {
                if (!res.isSent()) {
                    respond(res, () -> {
                        throw e;
                    });
                }
            }
        };
    }

    private static Principal principal(ServerRequest req) {
        return req.context().get(Principal.class).orElseThrow(() -> new IllegalStateException(
                "no principal in the request context: the route was registered without allow()"));
    }

    private void unscoped(ServerRequest req, String what) {
        access.requireUnscoped(principal(req), API, what);
    }

    /** 403 when a scoped token may see but not change something (its scope's root, or beyond its scope). */
    private void requireChange(ServerRequest req, boolean allowed, String what) {
        if (!allowed) {
            access.refusedOutsideScope(API);
            throw GatewayException.of(ErrorKind.PERMISSION, "A token scoped to " + principal(req).scope()
                    .map(Object::toString).orElse("") + " cannot " + what + ": only what lies beneath its scope"
                    + " may be changed.").withCode("outside_token_scope");
        }
    }

    private io.tollgate.cluster.governance.Customer visibleCustomer(ServerRequest req) {
        return registry.customer(id(req)).filter(found -> scopes.seesCustomer(principal(req), found.id()))
                .orElseThrow(() -> Scopes.notFound("customer", id(req)));
    }

    private io.tollgate.cluster.governance.Team visibleTeam(ServerRequest req) {
        return registry.team(id(req)).filter(found -> scopes.seesTeam(principal(req), found))
                .orElseThrow(() -> Scopes.notFound("team", id(req)));
    }

    private VirtualKey visibleKey(ServerRequest req) {
        return registry.key(id(req)).filter(found -> scopes.seesKey(principal(req), found))
                .orElseThrow(() -> Scopes.notFound("virtual key", id(req)));
    }

    private List<OwnerLimits> visibleLimits(ServerRequest req) {
        return java.util.stream.Stream.concat(registry.allLimits().stream(), tagLimits.stream())
                .filter(limits -> scopes.seesLimits(principal(req), limits)).toList();
    }

    /** Audits an update (and a usage reset it asked for, as a row of its own), then resets if asked. */
    private void changed(ServerRequest req, ObjectNode body, String type, String id, ObjectNode before,
                         ObjectNode after, Level level) {
        auditor.record(req, principal(req), type + ".update", type, id, Optional.of(before), Optional.of(after));
        if (Drafts.resetUsage(body)) {
            registry.resetUsage(level, id);
            auditor.record(req, principal(req), type + ".reset_usage", type, id, Optional.empty(), Optional.empty());
        }
    }

    private static void respond(ServerResponse res, java.util.function.Supplier<Answer> action) {
        Answer answer;
        try {
            answer = action.get();
        } catch (GatewayException e) {
            answer = new Answer(e.status(), e);
        } catch (GovernanceException e) {
            ErrorKind kind = switch (e.kind()) {
                case INVALID -> ErrorKind.INVALID_REQUEST;
                case NOT_FOUND -> ErrorKind.NOT_FOUND;
                case CONFLICT -> ErrorKind.CONFLICT;
            };
            GatewayException error = kind == ErrorKind.INVALID_REQUEST
                    ? GatewayException.invalid(e.field(), e.getMessage())
                    : GatewayException.of(kind, e.getMessage());
            answer = new Answer(error.status(), error);
        } catch (ConfigException e) {
            answer = new Answer(400, GatewayException.invalid(e.path(), e.path() + ": "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2)));
        } catch (LedgerUnavailableException e) {
            answer = new Answer(503, GatewayException.of(ErrorKind.UNAVAILABLE, "The governance state is unavailable."));
        } catch (RuntimeException e) {
            if (causedByStore(e)) {
                LOG.warning("management request refused: the state store is unavailable (" + e.getClass().getName()
                        + ")");
                answer = new Answer(503, GatewayException.of(ErrorKind.UNAVAILABLE, "The governance state store is "
                        + "unavailable; nothing was changed. Try again when it is back.").withCode(
                        "governance_unavailable"));
            } else {
                LOG.log(java.util.logging.Level.SEVERE, "management request failed", e);
                answer = new Answer(500, GatewayException.of(ErrorKind.INTERNAL, "The management request failed."));
            }
        }
        res.status(answer.status());
        answer.retryAfter().ifPresent(after -> res.header(HeaderNames.RETRY_AFTER,
                Long.toString(Math.max(1, after.toSeconds()))));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(answer.bytes());
    }

    private static boolean causedByStore(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.tollgate.cluster.store.StoreException) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode body(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(1 << 20);
            if (bytes.length == 0) {
                return Json.object();
            }
            return Json.parseObject(bytes);
        } catch (IOException e) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body could not be read.");
        }
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static Answer list(String field, List<ObjectNode> items) {
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray(field);
        items.forEach(array::add);
        out.put("count", items.size());
        return new Answer(200, out);
    }

    private static Answer list(String field, ArrayNode items) {
        ObjectNode out = Json.object();
        out.set(field, items);
        out.put("count", items.size());
        return new Answer(200, out);
    }

    private static Answer one(String field, ObjectNode item) {
        ObjectNode out = Json.object();
        out.set(field, item);
        return new Answer(200, out);
    }

    private static Answer created(String field, ObjectNode item) {
        ObjectNode out = Json.object();
        out.put("message", field.replace('_', ' ') + " created");
        out.set(field, item);
        return new Answer(201, out);
    }

    private static Answer message(String text) {
        ObjectNode out = Json.object();
        out.put("message", text);
        return new Answer(200, out);
    }

    /** A status and a body (JSON, or an error in OpenAI's shape), and when to try again. */
    private record Answer(int status, byte[] bytes, Optional<java.time.Duration> retryAfter) {
        Answer(int status, ObjectNode body) {
            this(status, Json.bytes(body), Optional.empty());
        }

        Answer(int status, GatewayException error) {
            this(status, ErrorBodies.body(Dialect.OPENAI, error), error.retryAfter());
        }
    }
}
