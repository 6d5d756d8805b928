package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Releases an account's expired reservations and forgets what outlived its time (see
 * {@link AccountState#reclaimExpired}); stores the account only when something changed.
 */
final class ReclaimProcessor extends AccountProcessor<Integer> {

    private Instant now;

    ReclaimProcessor() {
    }

    ReclaimProcessor(Instant now) {
        this.now = now;
    }

    @Override
    public Integer process(Map.Entry<String, AccountState> entry) {
        AccountState current = entry.getValue();
        if (current == null) {
            return 0;
        }
        AccountState state = current.copy();
        int released = state.reclaimExpired(now);
        boolean pruned = state.prune(now);
        if (released > 0 || pruned) {
            store(entry, state);
        }
        return released;
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.RECLAIM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        now = Wire.readInstant(in);
    }
}
