package io.tollgate.node.deploy;

import io.tollgate.node.testing.Await;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * {@link TwoNodeScenario} with the image itself, for machines with Docker (skipped cleanly where there is none):
 * builds {@code ops/docker/Dockerfile} from the repository root, then runs two containers of it and a PostgreSQL
 * container on one network, the configuration mounted where the image reads it. The members find each other by
 * their network aliases over TCP (there is no Kubernetes API) and bind the address the entrypoint finds. Docker
 * also reports them healthy by the image's own HEALTHCHECK. The first build downloads every Maven dependency.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(1800)
class TwoNodeContainersIT {

    private static final Network NETWORK = Network.newNetwork();
    /** Where the image reads its configuration, and its HTTP port. */
    private static final Map<String, String> IMAGE_ENV = DockerfileText.env(DockerfileText.read(OpsFiles.DOCKERFILE)
            .runtime());
    private static final int HTTP = Integer.parseInt(IMAGE_ENV.get("TOLLGATE_HTTP_PORT"));

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine")
            .withNetwork(NETWORK).withNetworkAliases("postgres");

    @Test
    void shouldShareOneBudgetBetweenTwoContainersOfTheImage() {
        File root = OpsFiles.ROOT.toAbsolutePath().normalize().toFile();
        File dockerfile = OpsFiles.DOCKERFILE.toAbsolutePath().normalize().toFile();
        // the context is the repository root (filtered by its .dockerignore), not the Dockerfile's folder
        ImageFromDockerfile image = new ImageFromDockerfile("localhost/tollgate-it", true)
                .withDockerfile(dockerfile.toPath())
                .withBuildImageCmdModifier(cmd -> cmd.withBaseDirectory(root).withDockerfile(dockerfile));
        String config = TwoNodeScenario.config(List.of("tollgate-1:5701", "tollgate-2:5701"));
        Map<String, String> env = TwoNodeScenario.sharedEnv("tg-containers-" + UUID.randomUUID(),
                "jdbc:postgresql://postgres:5432/" + POSTGRES.getDatabaseName(), POSTGRES.getUsername(),
                POSTGRES.getPassword());
        try (GenericContainer<?> node1 = node(image, "tollgate-1", config, env);
                GenericContainer<?> node2 = node(image, "tollgate-2", config, env)) {
            // started together: each waits for the other (quorum 2) before it is ready
            Startables.deepStart(node1, node2).join();
            TwoNodeScenario.run(url(node1), url(node2));
            for (GenericContainer<?> node : List.of(node1, node2)) {
                Await.until(node.getNetworkAliases() + " healthy by the image's HEALTHCHECK", Duration.ofSeconds(60),
                        () -> "healthy".equals(DockerClientFactory.instance().client()
                                .inspectContainerCmd(node.getContainerId()).exec().getState().getHealth()
                                .getStatus()));
            }
        }
    }

    private static GenericContainer<?> node(ImageFromDockerfile image, String alias, String config,
                                            Map<String, String> env) {
        return new GenericContainer<>(image)
                .withNetwork(NETWORK)
                .withNetworkAliases(alias)
                .withEnv(env)
                .withCopyToContainer(Transferable.of(config), IMAGE_ENV.get("TOLLGATE_CONFIG"))
                .withExposedPorts(HTTP)
                .waitingFor(Wait.forHttp("/ready").forPort(HTTP).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    private static String url(GenericContainer<?> node) {
        return "http://" + node.getHost() + ":" + node.getMappedPort(HTTP);
    }
}
