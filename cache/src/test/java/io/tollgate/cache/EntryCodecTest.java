package io.tollgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

    @Test
    void shouldRoundTripAnEntry() {
        CacheEntry entry = new CacheEntry("id1", "vk:1", "p1", new float[] {0.6f, 0.8f}, "openai",
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), 1234, Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(5000));

        CacheEntry back = EntryCodec.decode(EntryCodec.encode(entry)).orElseThrow();

        assertThat(back).usingRecursiveComparison().isEqualTo(entry);
    }

    @Test
    void shouldSkipAnUnknownVersionAndGarbage() {
        byte[] bytes = EntryCodec.encode(new CacheEntry("id1", "s", "p", new float[0], "openai", new byte[3], 0,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
        bytes[0] = 9;

        assertThat(EntryCodec.decode(bytes)).isEmpty();
        assertThat(EntryCodec.decode(new byte[] {1, 0})).isEmpty();
    }
}
