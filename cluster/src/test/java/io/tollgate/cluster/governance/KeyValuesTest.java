package io.tollgate.cluster.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    private final KeyValues values = KeyValues.create();

    @Test
    void shouldStartValuesWithPrefixAndCarry256Bits() {
        String value = values.newValue();
        assertThat(value).startsWith("tg-").hasSize(3 + 43).matches("tg-[0-9A-Za-z]{43}");
        assertThat(43 * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256.0);
    }

    @Test
    void shouldNeverRepeatValuesOrIds() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(values.newValue())).isTrue();
            assertThat(seen.add(values.newId("vk_"))).isTrue();
        }
    }

    @Test
    void shouldMakeIdsWithPrefixAnd16Base62Chars() {
        assertThat(values.newId(KeyValues.CUSTOMER_PREFIX)).matches("cust_[0-9A-Za-z]{16}");
        assertThat(values.newId(KeyValues.TEAM_PREFIX)).matches("team_[0-9A-Za-z]{16}");
        assertThat(values.newId(KeyValues.KEY_PREFIX)).matches("vk_[0-9A-Za-z]{16}");
    }

    @Test
    void shouldHashStablyAsSha256Hex() {
        assertThat(KeyValues.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String value = values.newValue();
        assertThat(KeyValues.hash(value)).isEqualTo(KeyValues.hash(value)).hasSize(64);
        assertThat(KeyValues.hash(value)).isNotEqualTo(KeyValues.hash(value + "x"));
    }

    @Test
    void shouldHintWithAtMostFourValueChars() {
        for (int i = 0; i < 100; i++) {
            String value = values.newValue();
            String hint = KeyValues.hint(value);
            assertThat(hint).isEqualTo("tg-\u2026" + value.substring(value.length() - 4));
            String shown = hint.substring("tg-\u2026".length());
            assertThat(shown).hasSize(4);
            assertThat(value).endsWith(shown);
        }
    }

    @Test
    void shouldShowNothingOfShortValues() {
        assertThat(KeyValues.hint("tg-abcde")).isEqualTo("tg-\u2026");
    }
}
