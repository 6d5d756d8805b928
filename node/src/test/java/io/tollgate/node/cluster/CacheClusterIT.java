package io.tollgate.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeProcess;
import io.tollgate.node.testing.ThreeNodes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The response cache across three real node JVMs, each with its own Lucene index and the local embedding model:
 * an answer stored through one node is a hit, exact and by meaning, on the others; an entry's expiry removes it
 * from every node's index; a node that restarts rebuilds its index from the members that kept the entries.
 */
@Timeout(300)
class CacheClusterIT {

    private static final Logger LOG = Logger.getLogger(CacheClusterIT.class.getName());
    private static final String ADMIN = "cache-cluster-admin-0123456789";
    private static final String KEY = "tg-cache-cluster-key-00001";
    private static final NodeClient CLIENT = NodeClient.withAdminToken(ADMIN);
    private static ThreeNodes cluster;
    private static List<NodeProcess> NODES;

    @BeforeAll
    static void start() {
        cluster = ThreeNodes.start("cache", """
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  virtual_keys:
                    - { name: cached, value: %s }
                cache: { mode: semantic, ttl_s: 600 }
                """.formatted(ADMIN, KEY));
        NODES = cluster.all();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void clear() {
        assertThat(CLIENT.send(NODES.get(0), "DELETE", "/api/cache", "").statusCode()).isEqualTo(200);
        Await.until("every node's cache is empty", Duration.ofSeconds(10),
                () -> NODES.stream().allMatch(node -> stats(node).path("entries").asInt() == 0));
    }

    private static String chat(String question) {
        return "{\"model\":\"mock/echo\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
    }

    private static HttpResponse<String> ask(NodeProcess node, String question) {
        HttpResponse<String> response = CLIENT.chat(node, KEY, chat(question));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String status(HttpResponse<String> response) {
        return response.headers().firstValue("x-tollgate-cache").orElse("none");
    }

    private static JsonNode stats(NodeProcess node) {
        return CLIENT.get(node, "/api/cache");
    }

    @Test
    void shouldHitOnNodeThreeWhatNodeOneStoredExactlyAndByMeaning() {
        HttpResponse<String> stored = ask(NODES.get(0), "What is the capital of France?");
        long storedAt = System.nanoTime();
        assertThat(status(stored)).isEqualTo("miss");

        Await.until("node 3 indexed the entry", Duration.ofSeconds(10),
                () -> stats(NODES.get(2)).path("indexed").asInt() == 1);
        LOG.info("an entry stored through node 1 was in node 3's index after at most "
                + Duration.ofNanos(System.nanoTime() - storedAt).toMillis() + " ms");
        // the index counts an entry at once and makes it searchable within its next refresh (25 ms)
        Await.until("node 3 finds the entry by meaning", Duration.ofSeconds(10), () -> status(call(NODES.get(2),
                "Tell me France's capital city", "x-tollgate-cache-no-store", "true")).equals("hit-semantic"));
        HttpResponse<String> exact = ask(NODES.get(2), "What is the capital of France?");
        HttpResponse<String> paraphrase = ask(NODES.get(2), "Tell me France's capital city");

        assertThat(status(exact)).isEqualTo("hit-exact");
        assertThat(NodeClient.parse(exact.body()).at("/choices/0/message/content").asText())
                .isEqualTo(NodeClient.parse(stored.body()).at("/choices/0/message/content").asText());
        assertThat(status(paraphrase)).isEqualTo("hit-semantic");
        assertThat(stats(NODES.get(1)).path("cluster_entries").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRemoveAnExpiredEntryFromEveryNodesIndex() {
        HttpResponse<String> stored = CLIENT.chat(NODES.get(1), KEY, chat("Name a large river."));
        assertThat(status(stored)).isEqualTo("miss");
        HttpResponse<String> shortLived = callWithTtl(NODES.get(1), "Name a tall mountain.", 2);
        assertThat(status(shortLived)).isEqualTo("miss");
        Await.until("both entries indexed everywhere", Duration.ofSeconds(10),
                () -> NODES.stream().allMatch(node -> stats(node).path("indexed").asInt() == 2));

        Await.until("the expired entry left every node's index", Duration.ofSeconds(15),
                () -> NODES.stream().allMatch(node -> stats(node).path("indexed").asInt() == 1));

        assertThat(status(ask(NODES.get(0), "Name a tall mountain."))).isEqualTo("miss");
        assertThat(status(ask(NODES.get(2), "Name a large river."))).isEqualTo("hit-exact");
    }

    @Test
    void shouldRebuildARestartedNodesIndexFromTheCluster() {
        ask(NODES.get(0), "Which planet is the largest?");
        Await.until("node 3 indexed the entry", Duration.ofSeconds(10),
                () -> stats(NODES.get(2)).path("indexed").asInt() == 1);

        NODES.get(2).stop();
        NODES.get(2).restart();

        JsonNode rebuilt = stats(NODES.get(2));
        assertThat(rebuilt.path("entries").asInt()).isEqualTo(1);
        assertThat(status(ask(NODES.get(2), "Which planet is the largest?"))).isEqualTo("hit-exact");
        Await.until("the rebuilt index finds the entry by meaning", Duration.ofSeconds(10), () -> status(call(
                NODES.get(2), "Tell me the largest planet", "x-tollgate-cache-no-store", "true")).equals("hit-semantic"));
    }

    private static HttpResponse<String> callWithTtl(NodeProcess node, String question, int seconds) {
        return call(node, question, "x-tollgate-cache-ttl", Integer.toString(seconds));
    }

    private static HttpResponse<String> call(NodeProcess node, String question, String header, String value) {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url()
                            + "/v1/chat/completions"))
                    .header("content-type", "application/json").header("authorization", "Bearer " + KEY)
                    .header(header, value)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat(question))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
