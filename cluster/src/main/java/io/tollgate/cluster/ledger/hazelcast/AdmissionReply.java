package io.tollgate.cluster.ledger.hazelcast;

import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.Admission;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** An admission or extension answer travelling back from the account's owner. */
final class AdmissionReply extends AnswerReply<Admission> {

    AdmissionReply() {
    }

    AdmissionReply(AccountAnswer<Admission> answer) {
        super(answer);
    }

    @Override
    void writeAnswer(DataOutput out, Admission value) throws IOException {
        Wire.writeAdmission(out, value);
    }

    @Override
    Admission readAnswer(DataInput in) throws IOException {
        return Wire.readAdmission(in);
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.ADMISSION_REPLY;
    }
}
