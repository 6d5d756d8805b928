package io.tollgate.cluster.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@link Properties} without Java serialization. Hazelcast has no serializer of its own for them and falls
 * back to Java serialization, which a running Helidon server's filter may refuse; yet every map configuration added
 * at run time (shared entries) carries one (its map store's properties, empty) to every member and to each member that
 * joins later. Registered by {@link Grid} on every member.
 */
final class PropertiesSerializer implements StreamSerializer<Properties> {

    /** The type id on the wire: never reuse or renumber. */
    static final int TYPE_ID = 7_101;

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }

    @Override
    public void write(ObjectDataOutput out, Properties properties) throws IOException {
        Map<Object, Object> copy = Map.copyOf(properties);
        out.writeInt(copy.size());
        for (Map.Entry<Object, Object> entry : copy.entrySet()) {
            out.writeObject(entry.getKey());
            out.writeObject(entry.getValue());
        }
    }

    @Override
    public Properties read(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        Properties properties = new Properties();
        for (int i = 0; i < size; i++) {
            Object key = in.readObject();
            properties.put(key, in.readObject());
        }
        return properties;
    }
}
