package io.tollgate.node.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the node's socket tests: one fake upstream and one node configured by {@link Fixtures#config} per test
 * class. Test classes run one after another, so the shared fields belong to the running class.
 */
@Timeout(60)
public abstract class GatewayIT {

    /** The fake upstream the {@code fake} and {@code claude} providers point at. */
    protected static FakeUpstream upstream;
    /** The node under test. */
    protected static NodeHarness node;

    @BeforeAll
    static void startGateway() {
        upstream = FakeUpstream.start();
        node = NodeHarness.start(Fixtures.config(upstream, Fixtures.closedPort()));
    }

    @AfterAll
    static void stopGateway() {
        node.close();
        upstream.close();
    }
}
