package io.tollgate.cluster.governance;

import io.tollgate.config.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Creating, changing, rotating and deleting virtual keys, with what each change means for the ledger. */
final class KeyWrites {

    private final Definitions defs;

    KeyWrites(Definitions defs) {
        this.defs = defs;
    }

    /** Creates a key with a new random value. */
    CreatedKey create(VirtualKeyDraft draft) {
        return create(draft, defs.values.newValue());
    }

    /** Creates a key with this value (seeds give theirs). */
    CreatedKey create(VirtualKeyDraft draft, String value) {
        defs.checkReferences(draft);
        Instant now = defs.now();
        VirtualKey key = new VirtualKey(defs.values.newId(KeyValues.KEY_PREFIX), draft.name(), KeyValues.hash(value),
                KeyValues.hint(value), draft.active(), draft.expiresAt(), draft.teamId(), draft.customerId(),
                draft.providerConfigs(), draft.budgets(), draft.rateLimit(), draft.fallbacks(), now, now,
                draft.endUsers(), draft.endUserOverrides());
        defs.insert(defs.keys, key, key.id(), claims(key));
        return new CreatedKey(key, new Secret(value));
    }

    /** Replaces the key's definition; its value stays. */
    VirtualKey update(String id, VirtualKeyDraft draft) {
        return change(id, current -> draft, Optional.empty());
    }

    /** Gives the key a new random value; the old one stops working at once (on this node; see the README). */
    CreatedKey rotate(String id) {
        String value = defs.values.newValue();
        return new CreatedKey(change(id, VirtualKey::toDraft, Optional.of(value)), new Secret(value));
    }

    /**
     * Replaces the key's definition with the draft made from its current one and, when given, its value; nothing
     * is written when both are unchanged.
     */
    VirtualKey change(String id, Function<VirtualKey, VirtualKeyDraft> draftOf, Optional<String> value) {
        Definitions.Change<VirtualKey> change = defs.update(defs.keys, id, old -> {
            VirtualKeyDraft draft = draftOf.apply(old);
            String hash = value.map(KeyValues::hash).orElse(old.valueHash());
            boolean sameDefinition = old.toDraft().equals(draft);
            if (sameDefinition && hash.equals(old.valueHash())) {
                return Optional.empty();
            }
            if (!sameDefinition) {
                defs.checkReferences(draft);
            }
            return Optional.of(new VirtualKey(id, draft.name(), hash, value.map(KeyValues::hint)
                    .orElse(old.valueHint()), draft.active(), draft.expiresAt(), draft.teamId(), draft.customerId(),
                    draft.providerConfigs(), draft.budgets(), draft.rateLimit(), draft.fallbacks(), old.createdAt(),
                    defs.now(), draft.endUsers(), draft.endUserOverrides()));
        }, KeyWrites::claims);
        VirtualKey before = change.before();
        VirtualKey after = change.after();
        if (before != after) {
            String oldAccount = defs.accountOf(before);
            boolean sameOwner = before.teamId().equals(after.teamId())
                    && before.customerId().equals(after.customerId());
            defs.ledgerChange(oldAccount, sameOwner ? oldAccount : defs.accountOf(after), Counters.ids(before),
                    Counters.ids(after), Set.of());
        }
        return after;
    }

    void delete(String id) {
        VirtualKey gone = defs.delete(defs.keys, id, key -> { }, KeyWrites::claims);
        Set<String> ids = Counters.ids(gone);
        if (!ids.isEmpty()) {
            defs.ledger.remove(defs.accountOf(gone), ids);
        }
    }

    private static List<Definitions.Claim> claims(VirtualKey key) {
        return List.of(
                new Definitions.Claim(Claims.key(key.name()), "name", "a virtual key named '" + key.name() + "' exists"),
                new Definitions.Claim(Claims.hash(key.valueHash()), "value", "another virtual key has this value"));
    }
}
