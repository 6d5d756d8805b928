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
import io.tollgate.cluster.governance.CreatedKey;
import io.tollgate.cluster.governance.GovernanceException;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.OwnerLimits;
import io.tollgate.cluster.governance.VirtualKey;
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
 * The management API under {@code /api/governance}. Every route but the quota needs the admin token; the quota
 * route is authenticated by the virtual key itself and shows only its own limits. Answers use OpenAI's error
 * shape: 400 with the field path, 401, 404 for unknown ids, 409 for conflicting names.
 */
public final class ManagementRouting {

    private static final Logger LOG = Logger.getLogger(ManagementRouting.class.getName());
    private static final String BASE = "/api/governance";

    private final GovernanceRegistry registry;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final AdminAuth auth;
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
                              Reconciling reconciling) {
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
        this.auth = new AdminAuth(config.admin());
        this.drafts = new Drafts(config.providers());
    }

    /**
     * Adds the management routes; {@code balancers} are the node's key balancers by provider, {@code cache} its
     * response cache, {@code nodeUrl} the URL it is reached at, {@code nodeName} what the node's log rows name it,
     * {@code reconciling} the price catalog (ingested usage and reconciliation) and the provider imports.
     */
    public static void register(HttpRouting.Builder routing, io.tollgate.cluster.ClusterServices cluster,
                                TollgateConfig config, Clock clock, Map<String, KeyBalancer> balancers,
                                io.tollgate.cache.ResponseCache cache, java.util.function.Supplier<String> nodeUrl,
                                java.util.function.Supplier<String> nodeName, Reconciling reconciling) {
        new ManagementRouting(cluster, config, clock, balancers, cache, nodeUrl, nodeName, reconciling).routes(routing);
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

        routing.get(BASE + "/customers", admin(req -> list("customers",
                registry.customers().stream().map(GovernanceJson::customer).toList())));
        routing.post(BASE + "/customers", admin(req -> created("customer",
                GovernanceJson.customer(registry.createCustomer(drafts.customer(body(req), Optional.empty()))))));
        routing.get(BASE + "/customers/{id}", admin(req -> one("customer", GovernanceJson.customer(
                registry.customer(id(req)).orElseThrow(() -> notFound("customer", id(req)))))));
        routing.put(BASE + "/customers/{id}", admin(req -> {
            ObjectNode body = body(req);
            var existing = registry.customer(id(req)).orElseThrow(() -> notFound("customer", id(req)));
            var updated = registry.updateCustomer(existing.id(), drafts.customer(body, Optional.of(existing)));
            resetIfAsked(body, Level.CUSTOMER, existing.id());
            return one("customer", GovernanceJson.customer(updated));
        }));
        routing.delete(BASE + "/customers/{id}", admin(req -> {
            registry.deleteCustomer(id(req));
            return message("customer " + id(req) + " deleted");
        }));

        routing.get(BASE + "/teams", admin(req -> list("teams",
                registry.teams().stream().map(GovernanceJson::team).toList())));
        routing.post(BASE + "/teams", admin(req -> created("team",
                GovernanceJson.team(registry.createTeam(drafts.team(body(req), Optional.empty()))))));
        routing.get(BASE + "/teams/{id}", admin(req -> one("team", GovernanceJson.team(
                registry.team(id(req)).orElseThrow(() -> notFound("team", id(req)))))));
        routing.put(BASE + "/teams/{id}", admin(req -> {
            ObjectNode body = body(req);
            var existing = registry.team(id(req)).orElseThrow(() -> notFound("team", id(req)));
            var updated = registry.updateTeam(existing.id(), drafts.team(body, Optional.of(existing)));
            resetIfAsked(body, Level.TEAM, existing.id());
            return one("team", GovernanceJson.team(updated));
        }));
        routing.delete(BASE + "/teams/{id}", admin(req -> {
            registry.deleteTeam(id(req));
            return message("team " + id(req) + " deleted");
        }));

        routing.get(BASE + "/virtual-keys", admin(req -> list("virtual_keys",
                registry.keys().stream().map(GovernanceJson::key).toList())));
        routing.post(BASE + "/virtual-keys", admin(req -> created("virtual_key",
                withValue(registry.createKey(drafts.key(body(req), Optional.empty()))))));
        routing.get(BASE + "/virtual-keys/{id}", admin(req -> one("virtual_key", GovernanceJson.key(
                registry.key(id(req)).orElseThrow(() -> notFound("virtual key", id(req)))))));
        routing.put(BASE + "/virtual-keys/{id}", admin(req -> {
            ObjectNode body = body(req);
            var existing = registry.key(id(req)).orElseThrow(() -> notFound("virtual key", id(req)));
            var updated = registry.updateKey(existing.id(), drafts.key(body, Optional.of(existing)));
            resetIfAsked(body, Level.VIRTUAL_KEY, existing.id());
            return one("virtual_key", GovernanceJson.key(updated));
        }));
        routing.delete(BASE + "/virtual-keys/{id}", admin(req -> {
            registry.deleteKey(id(req));
            return message("virtual key " + id(req) + " deleted");
        }));
        routing.post(BASE + "/virtual-keys/{id}/rotate", admin(req -> one("virtual_key",
                withValue(registry.rotate(id(req))))));

        routing.get("/api/cluster/status", admin(req -> new Answer(200, StatusJson.status(cluster.status(),
                clock.instant()))));
        routing.get("/api/providers/keys", admin(req -> list("keys", StatusJson.providerKeys(config, balancers))));
        routing.get("/api/cache", admin(req -> new Answer(200, cache.stats())));
        routing.get("/api/logs", admin(req -> new Answer(200, logs.page(req))));
        routing.get("/api/spend", admin(req -> new Answer(200, logs.spend(req))));
        routing.post("/api/ingest", admin(req -> new Answer(200, ingest.ingest(body(req)))));
        routing.post("/api/revenue", admin(req -> {
            RevenueAdmin.Recorded recorded = revenue.record(body(req));
            return new Answer(recorded.status(), recorded.body());
        }));
        routing.get("/api/margin", admin(req -> new Answer(200, revenue.margin(
                req.query().first("period").asOptional(), req.query().first("group_by").asOptional()))));
        routing.get("/api/logs/export", (req, res) -> {
            try {
                auth.check(req.headers().first(HeaderNames.AUTHORIZATION));
                logs.export(req, res);
            } catch (GatewayException e) {
                if (!res.isSent()) {
                    respond(res, () -> {
                        throw e;
                    });
                }
            }
        });
        routing.get("/api/reconcile", admin(req -> new Answer(200, reconcile.compare(req))));
        routing.post("/api/reconcile/import", admin(req -> new Answer(200, reconcile.importNow(req))));
        routing.post("/api/reconcile/invoices", admin(req -> new Answer(201, reconcile.invoice(req))));
        routing.get("/api/logs/{id}", admin(req -> new Answer(200, logs.one(req))));
        routing.delete("/api/cache", admin(req -> new Answer(200, cache.clear(req.query().first("scope").asOptional()))));

        routing.get(BASE + "/budgets", admin(req -> list("budgets", counters(registry.allLimits(), true))));
        routing.get(BASE + "/rate-limits", admin(req -> list("rate_limits", counters(registry.allLimits(), false))));
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

    private void resetIfAsked(ObjectNode body, Level level, String id) {
        if (Drafts.resetUsage(body)) {
            registry.resetUsage(level, id);
        }
    }

    private static ObjectNode withValue(CreatedKey created) {
        ObjectNode key = GovernanceJson.key(created.key());
        key.put("value", created.value().reveal());
        return key;
    }

    private Handler admin(Function<ServerRequest, Answer> action) {
        return (req, res) -> respond(res, () -> {
            auth.check(req.headers().first(HeaderNames.AUTHORIZATION));
            return action.apply(req);
        });
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

    private static GatewayException notFound(String what, String id) {
        return GatewayException.of(ErrorKind.NOT_FOUND, "No " + what + " with id '" + id + "'.");
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

    /** A status and a body (JSON, or an error in OpenAI's shape). */
    private record Answer(int status, byte[] bytes) {
        Answer(int status, ObjectNode body) {
            this(status, Json.bytes(body));
        }

        Answer(int status, GatewayException error) {
            this(status, ErrorBodies.body(Dialect.OPENAI, error));
        }
    }
}
