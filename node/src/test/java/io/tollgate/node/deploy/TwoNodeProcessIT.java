package io.tollgate.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.NodeProcess;
import io.tollgate.node.testing.PostgresSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TwoNodeScenario} with two node JVMs on loopback and a fresh schema of the local PostgreSQL: the
 * ConfigMap's configuration, filled from environment variables as in the image. The nodes also answer the
 * Deployment's probe paths, and the image's health check script reports them ready.
 */
@Timeout(240)
class TwoNodeProcessIT {

    private static PostgresSchema schema;
    private static NodeProcess node1;
    private static NodeProcess node2;

    @BeforeAll
    static void start() throws IOException {
        schema = PostgresSchema.create("tg_deploy_");
        Path dir = Files.createTempDirectory("tollgate-deploy-");
        int[] http = {NodeProcess.freePort(), NodeProcess.freePort()};
        int[] grid = {NodeProcess.freePort(), NodeProcess.freePort()};
        String config = TwoNodeScenario.config(List.of("127.0.0.1:" + grid[0], "127.0.0.1:" + grid[1]));
        Map<String, String> shared = TwoNodeScenario.sharedEnv("tg-deploy-" + UUID.randomUUID(), schema.url(),
                schema.user(), "unused-with-trust-auth");
        node1 = NodeProcess.launch(dir, "node1", config, http[0], env(shared, http[0], grid[0]));
        node2 = NodeProcess.launch(dir, "node2", config, http[1], env(shared, http[1], grid[1]));
        node1.awaitReady();
        node2.awaitReady();
    }

    /** What the image and the Deployment set per node: its ports and the address its member binds. */
    private static Map<String, String> env(Map<String, String> shared, int http, int grid) {
        Map<String, String> env = new HashMap<>(shared);
        env.put("TOLLGATE_HTTP_PORT", Integer.toString(http));
        env.put("TOLLGATE_CLUSTER_PORT", Integer.toString(grid));
        env.put("TOLLGATE_CLUSTER_HOST", "127.0.0.1");
        return env;
    }

    @AfterAll
    static void stop() {
        for (NodeProcess node : new NodeProcess[] {node1, node2}) {
            if (node != null) {
                node.close();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void shouldShareOneBudgetBetweenTwoNodesConfiguredLikeTheDeployment() {
        TwoNodeScenario.run(node1.url(), node2.url());
    }

    @Test
    void shouldAnswerTheDeploymentsProbePaths() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String path : OpsFiles.probePaths()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node2.url() + path))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            }
        }
        assertThat(OpsFiles.probePaths()).contains("/ready", "/health");
    }

    @Test
    void shouldBeHealthyForTheImagesHealthCheck() throws Exception {
        assertThat(healthCheck(node1.url().substring(node1.url().lastIndexOf(':') + 1))).isZero();
        assertThat(healthCheck(Integer.toString(NodeProcess.freePort()))).as("nothing listens there").isNotZero();
    }

    /** Runs ops/docker/healthcheck.sh against a port of this machine; its exit code. */
    private static int healthCheck(String port) throws InterruptedException {
        ProcessBuilder check = new ProcessBuilder("bash", OpsFiles.ROOT.resolve("ops/docker/healthcheck.sh")
                .toString()).redirectErrorStream(true);
        check.environment().put("TOLLGATE_HTTP_PORT", port);
        try {
            Process process = check.start();
            process.getInputStream().transferTo(System.out);
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
