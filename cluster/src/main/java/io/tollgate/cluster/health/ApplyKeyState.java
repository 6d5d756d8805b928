package io.tollgate.cluster.health;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Sent to every member after a key's health changed: the member applies it to its local view. Type id
 * {@value #TYPE_ID}; wire format: key id, then the state's text (empty: available again).
 */
public final class ApplyKeyState implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** The grid type id (health types use 200 to 299). */
    public static final int TYPE_ID = 201;

    private String id;
    private String text;
    private transient HazelcastInstance instance;

    /** For deserialization. */
    public ApplyKeyState() {
    }

    ApplyKeyState(String id, String text) {
        this.id = id;
        this.text = text;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean call() {
        if (instance.getUserContext().get(HazelcastKeyHealth.CONTEXT_KEY) instanceof HazelcastKeyHealth health) {
            health.apply(id, text);
            return true;
        }
        return false;
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
        out.writeString(id);
        out.writeString(text);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        id = in.readString();
        text = in.readString();
    }
}
