package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.CounterView;
import java.io.IOException;
import java.util.List;

/** Counter views travelling back from the account's owner, with the account holding the rest of a request. */
final class ViewsReply implements IdentifiedDataSerializable {

    private AccountAnswer<List<CounterView>> answer;

    ViewsReply() {
    }

    ViewsReply(AccountAnswer<List<CounterView>> answer) {
        this.answer = answer;
    }

    AccountAnswer<List<CounterView>> answer() {
        return answer;
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.VIEWS_REPLY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeViews(out, answer.answer());
        Wire.writeOptional(out, answer.forwardTo());
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        List<CounterView> views = Wire.readViews(in);
        answer = new AccountAnswer<>(views, Wire.readOptional(in));
    }
}
