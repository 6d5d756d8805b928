package io.tollgate.cluster.health;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import java.io.IOException;
import java.util.Map;

/**
 * Merges a reported state into a key's entry on its owner (see {@link KeyHealthMerge}) and answers the result.
 * Type id {@value #TYPE_ID}; wire format: the state's text.
 */
public final class MergeKeyState implements EntryProcessor<String, String, String>, IdentifiedDataSerializable {

    /** The grid type id (health types use 200 to 299). */
    public static final int TYPE_ID = 200;

    private String text;

    /** For deserialization. */
    public MergeKeyState() {
    }

    MergeKeyState(String text) {
        this.text = text;
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
        KeyState next = KeyStateText.read(text);
        String current = entry.getValue();
        KeyState merged = current == null ? next : KeyHealthMerge.stronger(KeyStateText.read(current), next);
        String out = KeyStateText.write(merged);
        entry.setValue(out);
        return out;
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TYPE_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(text);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        text = in.readString();
    }
}
