package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void shouldMakeIdsThatSortByTimeWhenTheClientOffersNone() {
        long start = 1_780_000_000_000L;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(RequestIds.next(start + i / 10, ThreadLocalRandom.current()));
        }

        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
        assertThat(ids.getFirst()).startsWith("%012x".formatted(start));
        for (int i = 10; i < ids.size(); i++) {
            assertThat(ids.get(i)).isGreaterThan(ids.get(i - 10));
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void shouldKeepAPlainOfferedIdAndReplaceOthers() {
        assertThat(RequestIds.of(Optional.of("trace-01.abc_DEF"))).isEqualTo("trace-01.abc_DEF");
        assertThat(RequestIds.of(Optional.of("has space"))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.of(Optional.of("x".repeat(129)))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.of(Optional.of(""))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.of(Optional.empty())).matches("[0-9a-f]{32}");
    }
}
