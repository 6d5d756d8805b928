package io.tollgate.node.providers.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, skipped forward by hand so a cooled-down key comes back without sleeping. */
final class SkewedClock extends Clock {

    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);

    /** Moves this clock forward. */
    void skip(Duration by) {
        skew.updateAndGet(current -> current.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(skew.get());
    }
}
