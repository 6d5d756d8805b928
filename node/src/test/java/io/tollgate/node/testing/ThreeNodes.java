package io.tollgate.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Three real node JVMs on loopback forming one cluster (quorum 2) over a fresh PostgreSQL schema: ports chosen at
 * run time, a random cluster name. The caller gives each node's configuration without its {@code server},
 * {@code cluster} and {@code store} sections.
 */
public final class ThreeNodes implements AutoCloseable {

    private final List<NodeProcess> nodes;
    private final PostgresSchema schema;

    private ThreeNodes(List<NodeProcess> nodes, PostgresSchema schema) {
        this.nodes = nodes;
        this.schema = schema;
    }

    /** Launches the three nodes together and waits until each is ready. */
    public static ThreeNodes start(String prefix, String yaml) {
        PostgresSchema schema = PostgresSchema.create(prefix + "_");
        try {
            Path dir = Files.createTempDirectory("tollgate-" + prefix + "-");
            String clusterName = "tg-" + prefix + "-" + UUID.randomUUID();
            int[] http = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
            int[] grid = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
            String members = "\"127.0.0.1:" + grid[0] + "\", \"127.0.0.1:" + grid[1] + "\", \"127.0.0.1:" + grid[2]
                    + "\"";
            List<NodeProcess> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String whole = yaml + """

                        server: { host: 127.0.0.1, port: %d }
                        cluster: { name: %s, port: %d, members: [ %s ], quorum: 2 }
                        %s
                        """.formatted(http[i], clusterName, grid[i], members, schema.storeYaml());
                nodes.add(NodeProcess.launch(dir, "node" + (i + 1), whole, http[i]));
            }
            nodes.forEach(NodeProcess::awaitReady);
            return new ThreeNodes(List.copyOf(nodes), schema);
        } catch (IOException e) {
            schema.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Node {@code n}, from 1 to 3. */
    public NodeProcess node(int n) {
        return nodes.get(n - 1);
    }

    /** The three nodes, in order. */
    public List<NodeProcess> all() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(NodeProcess::close);
        schema.close();
    }
}
