package io.tollgate.cluster.ledger.hazelcast;

import io.tollgate.cluster.ledger.AccountState;
import java.time.Instant;
import java.util.Map;

/** Extends one reservation by more nano-dollars and tokens (see {@link AccountState#extend}). */
final class ExtendProcessor extends RequestProcessor<AdmissionReply> {

    ExtendProcessor() {
    }

    ExtendProcessor(String requestId, long moreNanos, long moreTokens, Instant now) {
        super(requestId, moreNanos, moreTokens, now);
    }

    @Override
    public AdmissionReply process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> new AdmissionReply(state.extend(requestId, nanos, tokens, now)));
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.EXTEND;
    }
}
