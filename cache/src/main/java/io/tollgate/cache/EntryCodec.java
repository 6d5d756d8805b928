package io.tollgate.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The wire format of a {@link CacheEntry} in the shared map, versioned: a node reads the versions it knows and
 * skips (and never serves) an entry written by a newer one.
 */
final class EntryCodec {

    /** Version 1: id, scope, partition, format (UTF), vector, payload, cost, created, expires. */
    static final byte VERSION = 1;

    private EntryCodec() {
    }

    static byte[] encode(CacheEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entry.payload().length + 4 * entry.vector().length
                + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(entry.id());
            out.writeUTF(entry.scope());
            out.writeUTF(entry.partition());
            out.writeUTF(entry.format());
            out.writeInt(entry.vector().length);
            for (float value : entry.vector()) {
                out.writeFloat(value);
            }
            out.writeInt(entry.payload().length);
            out.write(entry.payload());
            out.writeLong(entry.costNanos());
            out.writeLong(entry.createdAt().toEpochMilli());
            out.writeLong(entry.expiresAt().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entry, or empty when the bytes are of an unknown version or malformed. */
    static Optional<CacheEntry> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                return Optional.empty();
            }
            String id = in.readUTF();
            String scope = in.readUTF();
            String partition = in.readUTF();
            String format = in.readUTF();
            float[] vector = new float[checkedLength(in.readInt(), bytes.length)];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = in.readFloat();
            }
            byte[] payload = new byte[checkedLength(in.readInt(), bytes.length)];
            in.readFully(payload);
            long cost = in.readLong();
            Instant created = Instant.ofEpochMilli(in.readLong());
            Instant expires = Instant.ofEpochMilli(in.readLong());
            return Optional.of(new CacheEntry(id, scope, partition, vector, format, payload, cost, created, expires));
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static int checkedLength(int length, int available) {
        if (length < 0 || length > available) {
            throw new IllegalArgumentException("length " + length + " exceeds the entry's " + available + " bytes");
        }
        return length;
    }
}
