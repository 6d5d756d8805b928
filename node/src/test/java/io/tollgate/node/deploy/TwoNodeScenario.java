package io.tollgate.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeClient;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The deployment scenario of {@code ops/}, run by {@link TwoNodeProcessIT} (two JVMs) and {@link TwoNodeContainersIT}
 * (two containers of the image): two nodes with the Kubernetes ConfigMap's configuration, members listed over TCP
 * instead of found through the Kubernetes API, one PostgreSQL store, and the environment variables the Deployment
 * sets. Both form one cluster of two; a virtual key created on node 1 and spent there is refused on node 2.
 */
final class TwoNodeScenario {

    /** The admin token both nodes get, as the Secret's admin-token. */
    static final String ADMIN_TOKEN = "deploy-scenario-admin-token-0123456789";
    /** Refused for its budget, in every dialect's error body. */
    private static final String BUDGET_EXCEEDED = "budget_exceeded";
    /** A few mock chats' worth: each costs $0.0000036 at the ConfigMap's mock prices (worst case about twice). */
    private static final String KEY = """
            {"name":"deploy-scenario","budgets":[{"max_limit":0.00002,"reset_duration":"1d"}],
             "provider_configs":[{"provider":"mock","allowed_models":["*"]}]}""";
    private static final NodeClient CLIENT = NodeClient.withAdminToken(ADMIN_TOKEN);

    private TwoNodeScenario() {
    }

    /** The configuration of both nodes: the ConfigMap's, with these members ({@code host:port}) for discovery. */
    static String config(List<String> members) {
        return OpsFiles.tcpConfig(members);
    }

    /**
     * The variables the configuration reads that are the same on both nodes: what the Deployment takes from the
     * Secret, and a cluster name of the test's own.
     */
    static Map<String, String> sharedEnv(String clusterName, String storeUrl, String storeUser, String storePassword) {
        return Map.of("TOLLGATE_CLUSTER_NAME", clusterName, "TOLLGATE_ADMIN_TOKEN", ADMIN_TOKEN,
                "TOLLGATE_STORE_URL", storeUrl, "TOLLGATE_STORE_USER", storeUser,
                "TOLLGATE_STORE_PASSWORD", storePassword);
    }

    /** Runs the scenario against the two nodes' base URLs. */
    static void run(String node1, String node2) {
        for (String node : List.of(node1, node2)) {
            JsonNode status = CLIENT.get(node, "/api/cluster/status");
            assertThat(status.at("/cluster/size").asInt()).as(node + ": " + status).isEqualTo(2);
        }
        HttpResponse<String> created = CLIENT.send(node1, "POST", "/api/governance/virtual-keys", KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = NodeClient.parse(created.body()).at("/virtual_key/value").asText();

        int served = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            HttpResponse<String> chat = CLIENT.chat(node1, key, NodeClient.CHAT);
            if (chat.statusCode() == 200) {
                served++;
            } else {
                refused = chat;
            }
        }
        assertThat(served).as("chats node 1 served before the budget ran out").isPositive();
        assertThat(refused).as("node 1 refuses once the budget is spent").isNotNull();
        assertBudgetExceeded(refused);

        BigDecimal spent = CLIENT.budgetUsage(node1, "deploy-scenario");
        assertThat(spent).isPositive().isLessThanOrEqualTo(new BigDecimal("0.00002"));
        assertThat(CLIENT.budgetUsage(node2, "deploy-scenario")).as("node 2's view of the spend")
                .isEqualByComparingTo(spent);
        assertBudgetExceeded(CLIENT.chat(node2, key, NodeClient.CHAT));
    }

    private static void assertBudgetExceeded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
        assertThat(NodeClient.parse(response.body()).at("/error/code").asText()).isEqualTo(BUDGET_EXCEEDED);
    }
}
