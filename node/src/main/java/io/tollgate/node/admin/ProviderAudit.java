package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.access.AuditEntry;
import io.tollgate.cluster.access.AuditLog;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.TollgateConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Providers change only with a node's configuration, so their audit rows are written when a node starts: when the
 * providers it was configured with (keys masked, header values left out) differ from the last
 * {@code providers.configure} row, a new row records the change, by the actor {@code config}. Nodes starting at the
 * same moment with the same change may each write it once. A failure to write is logged at SEVERE with the row and
 * does not stop the node.
 */
public final class ProviderAudit {

    /** The action of a providers row. */
    static final String ACTION = "providers.configure";

    private static final Logger LOG = Logger.getLogger(ProviderAudit.class.getName());

    private ProviderAudit() {
    }

    /**
     * Records the node's providers if they changed since the last row.
     *
     * @return whether a row was written
     */
    public static boolean recordIfChanged(AuditLog log, TollgateConfig config, Clock clock, String node) {
        String now = Json.string(json(config));
        try {
            Optional<AuditEntry> last = log.latest(ACTION, "providers", "config");
            if (last.flatMap(AuditEntry::after).filter(now::equals).isPresent()) {
                return false;
            }
            log.append(new AuditEntry(0, clock.instant(), "config", "admin", "node configuration", "local", node,
                    ACTION, "providers", "config", last.flatMap(AuditEntry::after), Optional.of(now)));
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the audit row of the node's provider configuration could not be stored: " + now,
                    e);
            return false;
        }
    }

    /** The providers as audited: everything but secrets in clear and header values. */
    static ObjectNode json(TollgateConfig config) {
        ObjectNode out = Json.object();
        new TreeMap<>(config.providers()).forEach((name, provider) -> out.set(name, json(provider)));
        return out;
    }

    private static ObjectNode json(ProviderConfig provider) {
        ObjectNode out = Json.object();
        out.put("type", provider.type().name().toLowerCase(java.util.Locale.ROOT));
        out.put("base_url", provider.baseUrl());
        out.put("enabled", provider.enabled());
        provider.region().ifPresent(region -> out.put("region", region));
        provider.project().ifPresent(project -> out.put("project", project));
        ArrayNode headers = out.putArray("headers");
        new TreeMap<>(provider.headers()).keySet().forEach(headers::add);
        ArrayNode keys = out.putArray("keys");
        for (ProviderKey key : provider.keys()) {
            ObjectNode node = keys.addObject();
            node.put("name", key.name());
            node.put("value", key.value().masked());
            node.put("weight", key.weight());
            ArrayNode models = node.putArray("models");
            key.models().forEach(models::add);
            key.rpm().ifPresent(rpm -> node.put("rpm", rpm));
            key.tpm().ifPresent(tpm -> node.put("tpm", tpm));
            key.accessKeyId().ifPresent(id -> node.put("access_key_id", id));
        }
        return out;
    }
}
