package io.tollgate.cluster.ledger.hazelcast;

import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.LeaseGrant;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A lease step's answer travelling back from the account's owner. */
final class LeaseReply extends AnswerReply<LeaseGrant> {

    LeaseReply() {
    }

    LeaseReply(AccountAnswer<LeaseGrant> answer) {
        super(answer);
    }

    @Override
    void writeAnswer(DataOutput out, LeaseGrant value) throws IOException {
        Wire.writeGrant(out, value);
    }

    @Override
    LeaseGrant readAnswer(DataInput in) throws IOException {
        return Wire.readGrant(in);
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.LEASE_REPLY;
    }
}
