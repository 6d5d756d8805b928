package io.tollgate.adapters.fuzz;

import java.io.InputStream;
import java.util.List;

/**
 * A stream over bytes that hands out at most the next cut's number of bytes per read (the cuts cycle), as a network
 * cuts a body into packets. Not thread-safe.
 */
public final class CutStream extends InputStream {

    private final byte[] bytes;
    private final List<Integer> cuts;
    private int position;
    private int reads;

    /** A stream of {@code bytes} read in pieces of the sizes in {@code cuts}, each at least 1. */
    public CutStream(byte[] bytes, List<Integer> cuts) {
        this.bytes = bytes.clone();
        this.cuts = List.copyOf(cuts);
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(length, bytes.length - position), cuts.get(reads++ % cuts.size()));
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }
}
