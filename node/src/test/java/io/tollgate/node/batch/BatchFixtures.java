package io.tollgate.node.batch;

import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.log.LogQuery;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** What the batch tests share: the providers they run on, and how they read budgets and the log. */
final class BatchFixtures {

    private BatchFixtures() {
    }

    /** An OpenAI provider {@code oa} (key {@code k1}) and an Anthropic one {@code an} (key {@code a1}) at the fake. */
    static String providers(String upstreamUrl) {
        return """
                server: { port: 0 }
                providers:
                  oa:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-oa-0000000000000000 } ]
                  an:
                    type: anthropic
                    base_url: %s
                    keys: [ { name: a1, value: sk-ant-000000000000000 } ]
                """.formatted(upstreamUrl, upstreamUrl);
    }

    /** A virtual key's budget: nano-dollars used and reserved. */
    record Budget(long used, long reserved) {
    }

    /** The budget of a virtual key (zeros before its first request). */
    static Budget budget(NodeHarness node, String keyName) {
        String keyId = node.node().cluster().registry().keys().stream().filter(k -> k.name().equals(keyName))
                .findFirst().orElseThrow().id();
        return node.node().cluster().ledger().allCounters(Instant.now()).stream()
                .filter(c -> c.kind() == CounterKind.BUDGET && c.ownerId().equals(keyId)).findFirst()
                .map(c -> new Budget(c.used(), c.reserved())).orElse(new Budget(0, 0));
    }

    /** The log rows of one route, newest first. */
    static List<LogRecord> rows(NodeHarness node, String route) {
        node.node().cluster().requestLog().flush();
        return node.node().cluster().requestLog().query(LogQuery.builder().limit(1000).build()).rows().stream()
                .filter(row -> row.route().equals(route)).toList();
    }

    /** A JSONL file answer, as the providers send results. */
    static Reply jsonl(String text) {
        return exchange -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/binary");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        };
    }
}
