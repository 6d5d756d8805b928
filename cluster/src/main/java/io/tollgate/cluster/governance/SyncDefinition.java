package io.tollgate.cluster.governance;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Sent to every member after a management write: the member re-reads the changed definition into its local view.
 * The write returns only when every member has done so, so a change made through any node is in force on every
 * node before the API call returns. Wire format: map name, then entry key (type id {@value #TYPE_ID}).
 */
public final class SyncDefinition implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** The grid type id (governance types use 100 to 199). */
    public static final int TYPE_ID = 100;
    /** Where each member keeps its registry in the instance's user context. */
    static final String CONTEXT_KEY = "tollgate.governance.registry";

    private String mapName;
    private String key;
    private transient HazelcastInstance instance;

    /** For deserialization. */
    public SyncDefinition() {
    }

    SyncDefinition(String mapName, String key) {
        this.mapName = mapName;
        this.key = key;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean call() {
        Object registry = instance.getUserContext().get(CONTEXT_KEY);
        if (registry instanceof HazelcastGovernanceRegistry local) {
            local.refresh(mapName, key);
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
        out.writeString(mapName);
        out.writeString(key);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mapName = in.readString();
        key = in.readString();
    }
}
