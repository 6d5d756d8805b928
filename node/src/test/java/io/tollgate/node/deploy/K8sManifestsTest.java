package io.tollgate.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests of {@code ops/k8s} refer to each other consistently: selectors and labels, Service target
 * ports and container ports, the service account and its role, Secret keys, the config volume and the image's
 * user, ports and configuration path. (The probe paths are requested from running nodes by
 * {@link TwoNodeProcessIT}; the configuration is loaded by {@link K8sConfigTest}.)
 */
class K8sManifestsTest {

    private final List<JsonNode> all = OpsFiles.manifests();
    private final JsonNode deployment = OpsFiles.only(all, "Deployment");
    private final JsonNode pod = deployment.at("/spec/template");
    private final JsonNode container = OpsFiles.onlyContainer(deployment);
    private final List<DockerfileText.Instruction> image = DockerfileText.read(OpsFiles.DOCKERFILE).runtime();

    @Test
    void shouldBeNamespaceAgnosticObjectsOfTheExpectedKinds() {
        for (JsonNode document : all) {
            assertThat(document.path("apiVersion").asText()).as(document.toString()).isNotEmpty();
            assertThat(document.at("/metadata/name").asText()).as(document.toString()).isNotEmpty();
            assertThat(document.at("/metadata/namespace").isMissingNode()).as("no namespace: " + document).isTrue();
        }
        assertThat(all.stream().map(d -> d.path("kind").asText()).sorted().toList()).containsExactly("ConfigMap",
                "Deployment", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service", "Service",
                "ServiceAccount");
    }

    @Test
    void shouldSelectTheDeploymentsPodsFromTheDeploymentTheServicesAndTheBudget() {
        Map<String, String> labels = strings(pod.at("/metadata/labels"));
        List<JsonNode> selectors = new ArrayList<>(List.of(deployment.at("/spec/selector/matchLabels"),
                OpsFiles.only(all, "PodDisruptionBudget").at("/spec/selector/matchLabels")));
        services().forEach(service -> selectors.add(service.at("/spec/selector")));
        for (JsonNode selector : selectors) {
            assertThat(strings(selector)).as("a selector of the pods").isNotEmpty();
            assertThat(labels).as("pod labels").containsAllEntriesOf(strings(selector));
        }
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt())
                .as("a rollout never drops below the replicas (the quorum)").isZero();
        assertThat(OpsFiles.only(all, "PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void shouldTargetNamedContainerPortsThatTheImageExposes() {
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        for (JsonNode service : services()) {
            for (JsonNode port : service.at("/spec/ports")) {
                assertThat(ports).as(service.at("/metadata/name") + " targets a container port")
                        .containsKey(port.path("targetPort").asText());
            }
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(ports).as(probe).containsKey(container.at("/" + probe + "/httpGet/port").asText());
        }
        Map<String, String> env = DockerfileText.env(image);
        assertThat(ports).containsEntry("http", Integer.parseInt(env.get("TOLLGATE_HTTP_PORT")))
                .containsEntry("hazelcast", Integer.parseInt(env.get("TOLLGATE_CLUSTER_PORT")));
        Set<Integer> exposed = new TreeSet<>();
        DockerfileText.arguments(image, "EXPOSE").forEach(e -> List.of(e.split("\\s+"))
                .forEach(p -> exposed.add(Integer.parseInt(p))));
        assertThat(exposed).containsExactlyInAnyOrderElementsOf(ports.values());
        JsonNode members = OpsFiles.manifest(all, "Service", K8sConfigTest.MEMBERS_SERVICE);
        assertThat(members.at("/spec/clusterIP").asText()).as("headless").isEqualTo("None");
        assertThat(members.at("/spec/publishNotReadyAddresses").asBoolean())
                .as("a pod is ready only once it found its quorum, so members must see pods before").isTrue();
        assertThat(members.at("/spec/ports/0/targetPort").asText()).isEqualTo("hazelcast");
    }

    @Test
    void shouldRunAsTheImagesNonRootUserWithOnlyItsWorkingDirectoriesWritable() {
        String[] user = DockerfileText.arguments(image, "USER").getLast().split(":");
        JsonNode security = pod.at("/spec/securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("runAsUser").asText()).isEqualTo(user[0]).isNotEqualTo("0");
        assertThat(security.path("runAsGroup").asText()).isEqualTo(user[1]);
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();

        Map<String, JsonNode> volumes = new HashMap<>();
        pod.at("/spec/volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Set<String> writable = new TreeSet<>();
        String configFile = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = volumes.get(mount.path("name").asText());
            assertThat(volume).as("the volume of mount " + mount).isNotNull();
            if (volume.has("configMap")) {
                OpsFiles.manifest(all, "ConfigMap", volume.at("/configMap/name").asText());
                configFile = mount.path("mountPath").asText() + "/" + OpsFiles.CONFIG_KEY;
            } else if (volume.has("emptyDir")) {
                writable.add(mount.path("mountPath").asText());
            }
        }
        assertThat(configFile).as("the mounted configuration").isEqualTo(DockerfileText.env(image)
                .get("TOLLGATE_CONFIG"));
        assertThat(writable).containsExactlyInAnyOrder(DockerfileText.arguments(image, "WORKDIR").getLast(), "/tmp");
    }

    @Test
    void shouldGrantItsServiceAccountWhatHazelcastDiscoveryReads() {
        String account = pod.at("/spec/serviceAccountName").asText();
        OpsFiles.manifest(all, "ServiceAccount", account);
        JsonNode binding = OpsFiles.only(all, "RoleBinding");
        assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(account);
        assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
        JsonNode role = OpsFiles.manifest(all, "Role", binding.at("/roleRef/name").asText());
        Set<String> granted = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    rule.path("verbs").forEach(verb -> granted.add(group.asText() + "/" + resource.asText() + ":"
                            + verb.asText()));
                }
            }
        }
        assertThat(granted).containsExactlyInAnyOrder("/endpoints:get", "/endpoints:list", "/pods:get", "/pods:list",
                "/services:get", "/services:list", "discovery.k8s.io/endpointslices:get",
                "discovery.k8s.io/endpointslices:list");
    }

    @Test
    void shouldReadOnlySecretKeysThatExistUnlessOptional() {
        int references = 0;
        for (JsonNode variable : container.path("env")) {
            JsonNode ref = variable.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                references++;
                JsonNode secret = OpsFiles.manifest(all, "Secret", ref.path("name").asText());
                boolean present = secret.at("/stringData").has(ref.path("key").asText());
                assertThat(present || ref.path("optional").asBoolean())
                        .as(variable.path("name") + " reads key " + ref.path("key") + " of the Secret").isTrue();
            }
        }
        assertThat(references).isGreaterThanOrEqualTo(4);
    }

    private List<JsonNode> services() {
        return all.stream().filter(d -> d.path("kind").asText().equals("Service")).toList();
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> strings = new HashMap<>();
        map.properties().forEach(e -> strings.put(e.getKey(), e.getValue().asText()));
        return strings;
    }
}
