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

    @Test
    void shouldRefuseAWildcardOrPublicMemberAddressNamingIt() {
        assertThatThrownBy(() -> parse("cluster: { name: p, host: 0.0.0.0 }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: cluster.host: 0.0.0.0 is a wildcard address: the member would "
                        + "listen on every interface, and Hazelcast sends member traffic unencrypted: bind the member "
                        + "to a private address (loopback, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, "
                        + "link-local, or IPv6 fc00::/7), or set cluster.allow_public_interface: true");
        assertThatThrownBy(() -> parse("cluster: { name: p, host: \"::\" }\n"))
                .hasMessageStartingWith("test.yaml: cluster.host: :: is a wildcard address");
        assertThatThrownBy(() -> parse("cluster: { name: p, host: 203.0.113.7 }\n"))
                .hasMessageStartingWith("test.yaml: cluster.host: 203.0.113.7 is not a private address, and "
                        + "Hazelcast sends member traffic unencrypted");
        assertThatThrownBy(() -> parse("cluster: { name: p, host: 2001:db8::1 }\n"))
                .hasMessageStartingWith("test.yaml: cluster.host: 2001:db8::1 is not a private address");
    }

    @Test
    void shouldAcceptPrivateMemberAddressesAndThePublicOneWhenAllowed() {
        assertThat(parse("cluster: { name: p, host: 10.1.2.3 }\n").cluster().orElseThrow().allowPublicInterface())
                .isFalse();
        assertThat(parse("cluster: { name: p, host: localhost }\n").cluster()).isPresent();
        assertThat(parse("cluster: { name: p, host: \"fd00::7\" }\n").cluster()).isPresent();
        ClusterConfig open = parse("cluster: { name: p, host: 0.0.0.0, allow_public_interface: true }\n")
                .cluster().orElseThrow();
        assertThat(open.host()).isEqualTo("0.0.0.0");
        assertThat(open.allowPublicInterface()).isTrue();
        assertThat(parse("cluster: { name: p, host: 203.0.113.7, allow_public_interface: true }\n").cluster())
                .isPresent();
    }

    private static TollgateConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of());
    }
}
