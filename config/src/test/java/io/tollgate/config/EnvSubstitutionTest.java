package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private final EnvSubstitution env = new EnvSubstitution(Map.of("HOST", "example.com", "EMPTY", "", "X", "x"));

    @Test
    void shouldReplaceWholeAndEmbeddedReferences() {
        assertThat(env.apply("${HOST}", false).text()).isEqualTo("example.com");
        assertThat(env.apply("https://${HOST}:8443/${X}${X}", false).text()).isEqualTo("https://example.com:8443/xx");
        assertThat(env.apply("no references, $ alone, $HOST", false).text()).isEqualTo("no references, $ alone, $HOST");
    }

    @Test
    void shouldUseTheFallbackWhenUnsetOrEmpty() {
        assertThat(env.apply("${MISSING:-fallback value}", false).text()).isEqualTo("fallback value");
        assertThat(env.apply("${EMPTY:-used}", false).text()).isEqualTo("used");
        assertThat(env.apply("${HOST:-unused}", false).text()).isEqualTo("example.com");
        assertThat(env.apply("${MISSING:-}", false).text()).isEmpty();
        assertThat(env.apply("${MISSING:-}", false).unset()).isEmpty();
    }

    @Test
    void shouldReportUnsetVariablesWithoutFallback() {
        EnvSubstitution.Result result = env.apply("a${MISSING}b${EMPTY}c", false);

        assertThat(result.text()).isEqualTo("abc");
        assertThat(result.variables()).containsExactly("MISSING", "EMPTY");
        assertThat(result.unset()).containsExactly("MISSING");
        assertThat(env.apply("a${MISSING}b${EMPTY}c", true).unset()).containsExactly("MISSING", "EMPTY");
    }

    @Test
    void shouldWriteALiteralReferenceForDoubleDollar() {
        assertThat(env.apply("$${HOST} is ${HOST}", false).text()).isEqualTo("${HOST} is example.com");
    }

    @Test
    void shouldRejectMalformedReferences() {
        assertThatThrownBy(() -> env.apply("${HOST", false))
                .hasMessage("unterminated '${' (a reference is ${NAME} or ${NAME:-fallback})");
        assertThatThrownBy(() -> env.apply("${1A}", false))
                .hasMessage("malformed '${...}' reference: a variable name is letters, digits and '_', "
                        + "not starting with a digit");
        assertThatThrownBy(() -> env.apply("${}", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
