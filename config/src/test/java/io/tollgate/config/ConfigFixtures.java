package io.tollgate.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared helpers for the loader tests: parse under the source name {@code test.yaml}, read fixtures. */
final class ConfigFixtures {

    static final String SOURCE = "test.yaml";

    private ConfigFixtures() {
    }

    static TollgateConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static TollgateConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, SOURCE, env);
    }

    /** The message of the {@link ConfigException} that parsing {@code yaml} must throw. */
    static String failure(String yaml) {
        return failure(yaml, Map.of());
    }

    static String failure(String yaml, Map<String, String> env) {
        ConfigException thrown = catchThrowableOfType(ConfigException.class, () -> parse(yaml, env));
        if (thrown == null) {
            throw new AssertionError("expected a ConfigException for:\n" + yaml);
        }
        return thrown.getMessage();
    }

    /** A test resource as text. */
    static String resource(String name) {
        try (InputStream in = ConfigFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
