package io.tollgate.ops;

import org.junit.jupiter.api.AfterEach;

/** Base of the CLI tests against a {@link FakeNode}: one fresh node per test, closed after it. */
abstract class FakeNodeTestBase {

    final FakeNode node = FakeNode.start();

    @AfterEach
    void stopNode() {
        node.close();
    }

    /** Runs the CLI against {@link #node} with the test token in the environment. */
    Cli.Result run(String... args) {
        return Cli.run(node.url(), args);
    }
}
