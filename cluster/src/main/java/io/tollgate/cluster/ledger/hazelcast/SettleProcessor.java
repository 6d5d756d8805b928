package io.tollgate.cluster.ledger.hazelcast;

import io.tollgate.cluster.ledger.AccountState;
import java.time.Instant;
import java.util.Map;

/** Settles one request with its actual cost and tokens (see {@link AccountState#settle}). */
final class SettleProcessor extends RequestProcessor<ViewsReply> {

    SettleProcessor() {
    }

    SettleProcessor(String requestId, long costNanos, long tokens, Instant now) {
        super(requestId, costNanos, tokens, now);
    }

    @Override
    public ViewsReply process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> new ViewsReply(state.settle(requestId, nanos, tokens, now)));
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.SETTLE;
    }
}
