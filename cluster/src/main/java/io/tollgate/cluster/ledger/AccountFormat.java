package io.tollgate.cluster.ledger;

import io.tollgate.cluster.ledger.Reservation.Forward;
import io.tollgate.cluster.ledger.Reservation.Tombstone;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * The binary form of an {@link AccountState}, version 2: the version byte, then counters, reservations, settled
 * ids, tombstones, forwards and expired leases, each as a count followed by its items. Enums travel by name.
 * Version 2 added the lease fields of reservations and the expired leases; version 1 is still read.
 */
final class AccountFormat {

    static final byte VERSION = 2;

    private AccountFormat() {
    }

    static void write(AccountState state, DataOutput out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(state.counters.size());
        for (Counter counter : state.counters.values()) {
            counter.writeTo(out);
        }
        out.writeInt(state.reservations.size());
        for (Reservation reservation : state.reservations.values()) {
            reservation.writeTo(out);
        }
        out.writeInt(state.settled.size());
        for (Map.Entry<String, Long> entry : state.settled.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
        out.writeInt(state.reclaimed.size());
        for (Map.Entry<String, Tombstone> entry : state.reclaimed.entrySet()) {
            out.writeUTF(entry.getKey());
            entry.getValue().writeTo(out);
        }
        out.writeInt(state.forwards.size());
        for (Map.Entry<String, Forward> entry : state.forwards.entrySet()) {
            out.writeUTF(entry.getKey());
            entry.getValue().writeTo(out);
        }
        out.writeInt(state.expiredLeases.size());
        for (Map.Entry<String, ExpiredLease> entry : state.expiredLeases.entrySet()) {
            out.writeUTF(entry.getKey());
            entry.getValue().writeTo(out);
        }
    }

    static void read(AccountState state, DataInput in) throws IOException {
        byte version = in.readByte();
        if (version < 1 || version > VERSION) {
            throw new IOException("unknown account state format version " + version + ", this node reads 1 to "
                    + VERSION);
        }
        for (int i = in.readInt(); i > 0; i--) {
            Counter counter = Counter.readFrom(in);
            state.counters.put(counter.id, counter);
        }
        for (int i = in.readInt(); i > 0; i--) {
            Reservation reservation = Reservation.readFrom(in, version);
            state.reservations.put(reservation.requestId, reservation);
        }
        for (int i = in.readInt(); i > 0; i--) {
            state.settled.put(in.readUTF(), in.readLong());
        }
        for (int i = in.readInt(); i > 0; i--) {
            state.reclaimed.put(in.readUTF(), Tombstone.readFrom(in));
        }
        for (int i = in.readInt(); i > 0; i--) {
            state.forwards.put(in.readUTF(), Forward.readFrom(in));
        }
        if (version >= 2) {
            for (int i = in.readInt(); i > 0; i--) {
                state.expiredLeases.put(in.readUTF(), ExpiredLease.readFrom(in));
            }
        }
    }
}
