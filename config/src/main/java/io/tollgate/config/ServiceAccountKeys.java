package io.tollgate.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a {@code vertex} key's value at start: a Google service-account JSON key, given as the path of its file or,
 * when the value starts with <code>{</code>, as the JSON itself (from an environment variable, say). Messages name
 * the key's YAML path and, for a file, the file; never any of the key's content, and never the parser's own message
 * (which may quote it).
 */
final class ServiceAccountKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields Google's auth library insists on. */
    private static final List<String> REQUIRED_FIELDS =
            List.of("client_email", "client_id", "private_key", "private_key_id");

    private ServiceAccountKeys() {
    }

    /** True when the value is the JSON key itself rather than the path of its file. */
    static boolean inline(String value) {
        return value.stripLeading().startsWith("{");
    }

    /**
     * Checks that the value is, or names a readable file holding, a service-account key.
     *
     * @throws ConfigException at {@code valueNode}'s path when it is not
     */
    static void check(ConfigNode valueNode, String value) {
        String what = inline(value) ? "the inline service-account key" : "the service-account key file '" + value + "'";
        String json = inline(value) ? value : read(valueNode, value);
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JacksonException e) {
            throw valueNode.error(what + " is not valid JSON");
        }
        if (tree == null || !tree.isObject() || !"service_account".equals(tree.path("type").asText())) {
            throw valueNode.error(what + " is not a service-account key (its \"type\" must be \"service_account\")");
        }
        for (String field : REQUIRED_FIELDS) {
            if (tree.path(field).asText().isBlank()) {
                throw valueNode.error(what + " has no \"" + field + "\"");
            }
        }
    }

    private static String read(ConfigNode valueNode, String value) {
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw valueNode.error("is neither a service-account key (JSON) nor the path of its file");
        }
        if (!Files.isRegularFile(file)) {
            throw valueNode.error("names no service-account key file: '" + value + "' does not exist");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw valueNode.error("the service-account key file '" + value + "' cannot be read");
        }
    }
}
