package io.tollgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads Tollgate's YAML configuration into a validated {@link TollgateConfig}.
 *
 * <p>Every scalar string may hold {@code ${NAME}} or {@code ${NAME:-fallback}}, substituted from the {@code env}
 * map the caller passes (normally {@code System.getenv()}; the loader never reads the process environment
 * itself). Every failure is a {@link ConfigException} whose message names the source, the path inside it and
 * the problem, for example {@code /etc/tg.yaml: providers.openai.keys[0].weight: must be an integer, was "heavy"}.
 * No message, warning or {@code toString} holds a key or token value.
 *
 * <p>All methods are stateless and thread-safe.
 */
public final class ConfigLoader {

    /** The classpath resource holding the bundled default configuration. */
    public static final String DEFAULT_RESOURCE = "io/tollgate/config/default.yaml";
    /** The source name of the bundled default, as it appears in messages and {@link TollgateConfig#source()}. */
    public static final String DEFAULT_SOURCE = "bundled default";
    /** The environment variable naming the configuration file when the command line names none. */
    public static final String CONFIG_VARIABLE = "TOLLGATE_CONFIG";

    /** Immutable once built, so safe to share; decimals stay {@link java.math.BigDecimal} with their scale. */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    /**
     * Reads the YAML file {@code file}; its path (as given) is the source name in messages.
     *
     * @throws ConfigException when the file cannot be read, is not valid YAML or does not bind
     */
    public static TollgateConfig load(Path file, Map<String, String> env) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new ConfigException(source, "", "file not found");
        } catch (CharacterCodingException notUtf8) {
            throw new ConfigException(source, "", "cannot read file: not valid UTF-8");
        } catch (IOException unreadable) {
            throw new ConfigException(source, "", "cannot read file: " + unreadable);
        }
        return parse(text, source, env);
    }

    /**
     * Reads the bundled default ({@value #DEFAULT_RESOURCE}), source name {@value #DEFAULT_SOURCE}: a mock provider,
     * plus OpenAI and Anthropic providers that are enabled when {@code OPENAI_API_KEY} or
     * {@code ANTHROPIC_API_KEY} is set in {@code env}.
     *
     * @throws ConfigException when the resource is missing or does not bind (a packaging fault)
     */
    public static TollgateConfig loadDefault(Map<String, String> env) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ConfigException(DEFAULT_SOURCE, "", "classpath resource " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_SOURCE, env);
        } catch (IOException unreadable) {
            throw new ConfigException(DEFAULT_SOURCE, "", "cannot read " + DEFAULT_RESOURCE + ": " + unreadable);
        }
    }

    /**
     * Picks and reads the configuration: a non-blank {@code cliConfigOrEmpty} (the command line's config path)
     * wins, else the file named by {@value #CONFIG_VARIABLE} in {@code env} when set and non-blank, else the
     * bundled default.
     *
     * @param cliConfigOrEmpty the path given on the command line, or the empty string for none
     * @throws ConfigException when the chosen file cannot be read, is not valid YAML or does not bind
     */
    public static TollgateConfig resolve(String cliConfigOrEmpty, Map<String, String> env) {
        Objects.requireNonNull(cliConfigOrEmpty, "cliConfigOrEmpty");
        if (!cliConfigOrEmpty.isBlank()) {
            return load(Path.of(cliConfigOrEmpty), env);
        }
        String fromEnv = env.getOrDefault(CONFIG_VARIABLE, "");
        if (!fromEnv.isBlank()) {
            return load(Path.of(fromEnv), env);
        }
        return loadDefault(env);
    }

    /**
     * Parses and binds {@code yamlText}. An empty document is a configuration with every default and no providers.
     *
     * @param sourceName names the text in messages and in {@link TollgateConfig#source()}
     * @throws ConfigException when the text is not valid YAML (the message gives line and column) or does not bind
     */
    public static TollgateConfig parse(String yamlText, String sourceName, Map<String, String> env) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(env, "env");
        ConfigNode root = ConfigNode.root(readTree(yamlText, sourceName), sourceName, new EnvSubstitution(env));
        return ConfigBinder.bind(root, sourceName);
    }

    private static JsonNode readTree(String yamlText, String sourceName) {
        try {
            return MAPPER.readTree(yamlText);
        } catch (JsonProcessingException invalid) {
            throw new ConfigException(sourceName, "", syntaxProblem(invalid, yamlText));
        }
    }

    /**
     * "invalid YAML at line L, column C: problem". SnakeYAML's own message quotes the offending line, which may
     * hold a key, so only its context and problem are kept.
     */
    private static String syntaxProblem(JsonProcessingException invalid, String yamlText) {
        if (invalid.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            return "invalid YAML at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                    + context + marked.getProblem() + flowHint(context, yamlText, mark.getLine());
        }
        JsonLocation location = invalid.getLocation();
        String where = location == null
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String problem = invalid.getOriginalMessage().lines().findFirst().orElse("unreadable")
                .replace("Duplicate field", "duplicate key");
        return "invalid YAML" + where + ": " + problem;
    }

    /** The usual cause of a flow-style error: an unquoted {@code ${NAME}} inside {@code { }} or {@code [ ]}. */
    private static String flowHint(String context, String yamlText, int zeroBasedLine) {
        boolean referenceOnLine = yamlText.lines().skip(zeroBasedLine).findFirst()
                .filter(line -> line.contains("${"))
                .isPresent();
        return context.contains("flow") && referenceOnLine
                ? " (inside { } or [ ], quote ${...} references: \"${NAME}\")"
                : "";
    }
}
