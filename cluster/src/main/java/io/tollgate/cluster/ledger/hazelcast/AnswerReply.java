package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import io.tollgate.cluster.ledger.AccountAnswer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An account's answer travelling back from its owner: the answer, then the account to ask next (if any).
 *
 * @param <T> the answer's type
 */
abstract class AnswerReply<T> implements IdentifiedDataSerializable {

    private AccountAnswer<T> answer;

    AnswerReply() {
    }

    AnswerReply(AccountAnswer<T> answer) {
        this.answer = answer;
    }

    AccountAnswer<T> answer() {
        return answer;
    }

    abstract void writeAnswer(DataOutput out, T value) throws IOException;

    abstract T readAnswer(DataInput in) throws IOException;

    @Override
    public final int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        writeAnswer(out, answer.answer());
        Wire.writeOptional(out, answer.forwardTo());
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        T value = readAnswer(in);
        answer = new AccountAnswer<>(value, Wire.readOptional(in));
    }
}
