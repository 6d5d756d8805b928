package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.access.AuditEntry;
import io.tollgate.cluster.access.AuditLog;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one audit row per change made through the management API, after the change and before its answer: who
 * (the calling token's id, role and name), when, from which address, on which node, what (action, entity, before
 * and after as the API shows them: key values and provider secrets never appear there). When the row cannot be
 * stored the change has still been made: the caller gets a 500 that says so, and the row goes to the node's log at
 * SEVERE so it is not lost.
 */
final class Auditor {

    private static final Logger LOG = Logger.getLogger(Auditor.class.getName());

    private final AuditLog log;
    private final Clock clock;
    private final Supplier<String> nodeName;

    Auditor(AuditLog log, Clock clock, Supplier<String> nodeName) {
        this.log = log;
        this.clock = clock;
        this.nodeName = nodeName;
    }

    /**
     * Records a change made by the request's principal.
     *
     * @param action {@code <entity type>.<verb>}
     * @param before the thing before, empty for a creation
     * @param after the thing after, empty for a deletion
     */
    void record(ServerRequest req, Principal principal, String action, String entityType, String entityId,
                Optional<? extends JsonNode> before, Optional<? extends JsonNode> after) {
        append(new AuditEntry(0, clock.instant(), principal.id(), principal.role().wireName(), principal.name(),
                AccessControl.clientAddress(req), nodeName.get(), action, entityType, entityId,
                before.map(Json::string), after.map(Json::string)));
    }

    /** Appends a prepared row (changes that did not come through a request, such as a configuration's). */
    void append(AuditEntry entry) {
        try {
            log.append(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the audit row of a change that was made could not be stored: " + entry, e);
            throw GatewayException.of(ErrorKind.INTERNAL, "The change was made, but its audit row could not be "
                    + "stored (the node's log has it). Check the database.").withCode("audit_unavailable");
        }
    }
}
