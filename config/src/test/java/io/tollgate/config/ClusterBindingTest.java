package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterBindingTest {

    private static final String SHARED_STORE = "store: { url: \"jdbc:postgresql://127.0.0.1:5432/test\", user: postgres }\n";

    @Test
    void shouldHaveNoClusterWithoutTheSection() {
        assertThat(parse("server: { port: 0 }\n").cluster()).isEmpty();
    }

    @Test
    void shouldBindEveryKeyWithDefaults() {
        ClusterConfig cluster = parse(SHARED_STORE + """
                cluster:
                  name: prod
                  members: [ "10.0.0.1:5701", "10.0.0.2" ]
                  quorum: 2
                  on_partition: open
                """).cluster().orElseThrow();
        assertThat(cluster.name()).isEqualTo("prod");
        assertThat(cluster.host()).isEqualTo("127.0.0.1");
        assertThat(cluster.port()).isEqualTo(5701);
        assertThat(cluster.members()).containsExactly("10.0.0.1:5701", "10.0.0.2");
        assertThat(cluster.multicast()).isFalse();
        assertThat(cluster.kubernetes()).isEmpty();
        assertThat(cluster.quorum()).isEqualTo(2);
        assertThat(cluster.onPartition()).isEqualTo(ClusterConfig.OnPartition.OPEN);
    }

    @Test
    void shouldBindKubernetesDiscovery() {
        ClusterConfig cluster = parse(SHARED_STORE + """
                cluster: { name: k8s, kubernetes: { namespace: llm, service_name: tollgate-hs } }
                """).cluster().orElseThrow();
        assertThat(cluster.kubernetes()).contains(new ClusterConfig.Kubernetes("llm", "tollgate-hs"));
        assertThat(cluster.joinsOthers()).isTrue();
    }

    @Test
    void shouldRefuseTheEmbeddedStoreForSeveralNodes() {
        assertThatThrownBy(() -> parse("cluster: { name: prod, members: [ \"10.0.0.2:5701\" ] }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml: cluster: a cluster of several nodes needs a store they share")
                .hasMessageContaining("store.url");
        assertThat(parse("cluster: { name: alone }\n").cluster()).isPresent();
    }

    @Test
    void shouldNameBadKeysAndValues() {
        assertThatThrownBy(() -> parse(SHARED_STORE + "cluster: { name: p, memebrs: [] }\n"))
                .hasMessageContaining("cluster: unknown key 'memebrs', did you mean 'members'?");
        assertThatThrownBy(() -> parse(SHARED_STORE + "cluster: { name: p, on_partition: maybe }\n"))
                .hasMessageContaining("cluster.on_partition: must be one of closed, open");
        assertThatThrownBy(() -> parse(SHARED_STORE + "cluster: { members: [] }\n"))
                .hasMessageContaining("cluster.name: is required");
        assertThatThrownBy(() -> parse(SHARED_STORE + "cluster: { name: p, quorum: -1 }\n"))
                .hasMessageContaining("cluster.quorum: must not be negative, was -1");
    }

    private static TollgateConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of());
    }
}
