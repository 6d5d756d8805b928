package io.tollgate.cluster.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An amount in each of a lease's three dimensions.
 *
 * @param nanos nano-dollars, held on every budget of the path
 * @param tokens tokens, held on every token window
 * @param requests requests, held on every request window
 */
public record LeaseAmounts(long nanos, long tokens, long requests) {

    /** Nothing in any dimension. */
    public static final LeaseAmounts ZERO = new LeaseAmounts(0, 0, 0);

    public LeaseAmounts {
        if (nanos < 0 || tokens < 0 || requests < 0) {
            throw new IllegalArgumentException("lease amounts must not be negative, were " + nanos + " nanos, "
                    + tokens + " tokens and " + requests + " requests");
        }
    }

    /** True when every dimension is zero. */
    public boolean isZero() {
        return nanos == 0 && tokens == 0 && requests == 0;
    }

    /** Writes the three amounts (grid wire and account format). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(nanos);
        out.writeLong(tokens);
        out.writeLong(requests);
    }

    /** Reads what {@link #writeTo} wrote. */
    public static LeaseAmounts readFrom(DataInput in) throws IOException {
        return new LeaseAmounts(in.readLong(), in.readLong(), in.readLong());
    }
}
