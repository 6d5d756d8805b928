package io.tollgate.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.config.ClusterConfig;
import io.tollgate.config.ConfigException;
import io.tollgate.config.ConfigLoader;
import io.tollgate.config.Secret;
import io.tollgate.config.TollgateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node configuration of the ConfigMap binds through the node's own {@link ConfigLoader} with exactly the
 * environment its container gets: the image's {@code ENV}, then the Deployment's {@code env} (downward-API fields
 * with sample values, Secret keys with the Secret's placeholder values). It needs nothing more, and every variable
 * the Deployment sets is used.
 */
class K8sConfigTest {

    /** The headless Service Hazelcast's discovery reads. */
    static final String MEMBERS_SERVICE = "tollgate-members";
    private static final String POD_IP = "10.42.0.7";
    private static final String NAMESPACE = "tollgate-test";
    private static final String SOURCE = "ConfigMap " + OpsFiles.CONFIG_MAP;

    private final List<JsonNode> all = OpsFiles.manifests();
    private final JsonNode deployment = OpsFiles.only(all, "Deployment");
    private final JsonNode secret = OpsFiles.only(all, "Secret").path("stringData");

    @Test
    void shouldBindWithKubernetesDiscoveryAndTheSharedStore() {
        TollgateConfig config = ConfigLoader.parse(OpsFiles.nodeConfig(), SOURCE, containerEnv());

        ClusterConfig cluster = config.cluster().orElseThrow();
        assertThat(cluster.kubernetes()).contains(new ClusterConfig.Kubernetes(NAMESPACE, MEMBERS_SERVICE));
        assertThat(cluster.members()).isEmpty();
        assertThat(cluster.host()).as("the pod's IP").isEqualTo(POD_IP);
        assertThat(cluster.port()).isEqualTo(5701);
        int replicas = deployment.at("/spec/replicas").asInt();
        assertThat(cluster.quorum()).as("a majority of %d replicas that one disruption leaves", replicas)
                .isGreaterThan(replicas / 2).isLessThanOrEqualTo(replicas - 1);

        assertThat(config.store().url()).contains(secret.path("store-url").asText());
        assertThat(config.store().user()).contains(secret.path("store-user").asText());
        assertThat(config.store().password().map(Secret::reveal)).contains(secret.path("store-password").asText());
        assertThat(config.admin().token().map(Secret::reveal)).contains(secret.path("admin-token").asText());
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.providers().get("mock").disabledReason()).isEmpty();
        assertThat(config.providers().get("openai").disabledReason()).as("the Secret has no openai-api-key")
                .isPresent();
        assertThat(config.warnings()).singleElement().asString().contains("OPENAI_API_KEY");
    }

    @Test
    void shouldUseEveryVariableTheDeploymentSets() throws IOException {
        String entrypoint = Files.readString(OpsFiles.ROOT.resolve("ops/docker/entrypoint.sh"));
        List<String> unused = new ArrayList<>();
        for (JsonNode variable : OpsFiles.onlyContainer(deployment).path("env")) {
            String name = variable.path("name").asText();
            Map<String, String> without = new HashMap<>(containerEnv());
            if (without.remove(name) == null || entrypoint.contains("${" + name)) {
                continue;   // an optional Secret key that is absent, or a variable of the JVM's command line
            }
            try {
                TollgateConfig config = ConfigLoader.parse(OpsFiles.nodeConfig(), SOURCE, without);
                if (config.warnings().stream().noneMatch(w -> w.contains(name))) {
                    unused.add(name);
                }
            } catch (ConfigException expected) {
                assertThat(expected.getMessage()).as(name).contains(name);
            }
        }
        assertThat(unused).as("variables nothing reads").isEmpty();
    }

    /** What the container's process sees: the image's ENV, overridden by the Deployment's env. */
    private Map<String, String> containerEnv() {
        Map<String, String> env = new HashMap<>(DockerfileText.env(DockerfileText.read(OpsFiles.DOCKERFILE)
                .runtime()));
        for (JsonNode variable : OpsFiles.onlyContainer(deployment).path("env")) {
            String name = variable.path("name").asText();
            JsonNode field = variable.at("/valueFrom/fieldRef/fieldPath");
            JsonNode key = variable.at("/valueFrom/secretKeyRef");
            if (variable.has("value")) {
                env.put(name, variable.path("value").asText());
            } else if (!field.isMissingNode()) {
                env.put(name, switch (field.asText()) {
                    case "status.podIP" -> POD_IP;
                    case "metadata.namespace" -> NAMESPACE;
                    default -> throw new AssertionError("no sample value for field " + field);
                });
            } else if (secret.has(key.path("key").asText())) {
                env.put(name, secret.path(key.path("key").asText()).asText());
            } else {
                assertThat(key.path("optional").asBoolean()).as(name + " reads a missing Secret key").isTrue();
            }
        }
        return env;
    }
}
