package io.tollgate.node.cluster;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The three-node cluster test against a PostgreSQL container, for machines with Docker; skipped cleanly where there
 * is none. {@link ThreeNodeClusterIT} runs the same tests against the local PostgreSQL everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ThreeNodeContainersIT extends ThreeNodeClusterIT {

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");

    @org.junit.jupiter.api.Test
    void shouldRunTheNodesAgainstTheContainer() {
        org.assertj.core.api.Assertions.assertThat(POSTGRES.isRunning()).isTrue();
    }

    static {
        storeYaml = () -> "store: { url: \"" + POSTGRES.getJdbcUrl() + "\", user: " + POSTGRES.getUsername()
                + ", password: " + POSTGRES.getPassword() + " }";
    }
}
