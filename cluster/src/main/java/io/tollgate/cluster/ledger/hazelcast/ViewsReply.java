package io.tollgate.cluster.ledger.hazelcast;

import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.CounterView;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/** Counter views travelling back from the account's owner, with the account holding the rest of a request. */
final class ViewsReply extends AnswerReply<List<CounterView>> {

    ViewsReply() {
    }

    ViewsReply(AccountAnswer<List<CounterView>> answer) {
        super(answer);
    }

    @Override
    void writeAnswer(DataOutput out, List<CounterView> value) throws IOException {
        Wire.writeViews(out, value);
    }

    @Override
    List<CounterView> readAnswer(DataInput in) throws IOException {
        return Wire.readViews(in);
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.VIEWS_REPLY;
    }
}
