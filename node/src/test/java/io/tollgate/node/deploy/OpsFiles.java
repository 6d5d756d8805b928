package io.tollgate.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The deployment files of {@code ops/} as the tests read them: the image's Dockerfile and the Kubernetes manifests,
 * and the node configuration the manifests carry. Tests run in {@code node/}, so the repository root is {@code ..}.
 */
final class OpsFiles {

    /** The repository root: the image's build context. */
    static final Path ROOT = Path.of("..");
    /** The Kubernetes manifests. */
    static final Path K8S = ROOT.resolve("ops/k8s");
    /** The image's Dockerfile. */
    static final Path DOCKERFILE = ROOT.resolve("ops/docker/Dockerfile");
    /** The ConfigMap holding the node configuration, and its key. */
    static final String CONFIG_MAP = "tollgate-config";
    static final String CONFIG_KEY = "tollgate.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private OpsFiles() {
    }

    /** Every document of every {@code .yaml} file under {@code ops/k8s}, files in name order. */
    static List<JsonNode> manifests() {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> each = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    each.readAll().stream().filter(d -> !d.isMissingNode() && !d.isNull()).forEach(documents::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** The one manifest of this kind and name; fails when there is none or more than one. */
    static JsonNode manifest(List<JsonNode> all, String kind, String name) {
        List<JsonNode> matching = all.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.at("/metadata/name").asText().equals(name)).toList();
        assertThat(matching).as("manifests of kind %s named %s", kind, name).hasSize(1);
        return matching.getFirst();
    }

    /** The one manifest of this kind; fails when there is none or more than one. */
    static JsonNode only(List<JsonNode> all, String kind) {
        List<JsonNode> matching = all.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(matching).as("manifests of kind %s", kind).hasSize(1);
        return matching.getFirst();
    }

    /** The Deployment's one container. */
    static JsonNode onlyContainer(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers of the Deployment").isEqualTo(1);
        return containers.get(0);
    }

    /** The HTTP paths the Deployment's probes request. */
    static List<String> probePaths() {
        JsonNode container = onlyContainer(only(manifests(), "Deployment"));
        return Stream.of("startupProbe", "livenessProbe", "readinessProbe")
                .map(probe -> container.at("/" + probe + "/httpGet/path").asText()).distinct().toList();
    }

    /** The node configuration the ConfigMap holds, as text. */
    static String nodeConfig() {
        return manifest(manifests(), "ConfigMap", CONFIG_MAP).path("data").path(CONFIG_KEY).asText();
    }

    /**
     * The ConfigMap's node configuration with the members listed for TCP discovery in place of its Kubernetes
     * discovery, everything else as it is (its {@code ${NAME}} references included): what the two-node tests run
     * where there is no Kubernetes API.
     */
    static String tcpConfig(List<String> members) {
        try {
            ObjectNode config = (ObjectNode) YAML.readTree(nodeConfig());
            ObjectNode cluster = (ObjectNode) config.path("cluster");
            assertThat(cluster.remove("kubernetes")).as("the ConfigMap's cluster.kubernetes").isNotNull();
            ArrayNode list = cluster.putArray("members");
            members.forEach(list::add);
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
