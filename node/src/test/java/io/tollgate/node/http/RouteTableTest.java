package io.tollgate.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Operation;
import io.tollgate.node.http.RouteTable.Kind;
import io.tollgate.node.pipeline.Pipeline;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The route table flags every way a route could be added around the governed path. */
class RouteTableTest {

    private static final Handler PLAIN = (req, res) -> res.send("ok");

    private final RouteTable table = RouteTable.create();
    private final HttpRouting.Builder gateway = table.recording(HttpRouting.builder(), RouteTable.Scope.GATEWAY);
    private final HttpRouting.Builder management = table.recording(HttpRouting.builder(),
            RouteTable.Scope.MANAGEMENT);

    private static final java.util.concurrent.ScheduledExecutorService TIMER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

    private static ApiHandler governed(Operation operation) {
        return new ApiHandler(Dialect.OPENAI, operation, Pipeline.of(List.of()), new RequestBodies(1024,
                Deadlines.start(java.time.Duration.ofMinutes(1), TIMER)));
    }

    private Kind only() {
        assertThat(table.entries()).hasSize(1);
        return table.entries().get(0).kind();
    }

    @Test
    void shouldClassifyAnApiHandlerAsInferenceWithItsOperation() {
        gateway.post("/v1/embeddings", governed(Operation.EMBEDDINGS));
        assertThat(table.entries()).containsExactly(new RouteTable.Entry("POST", "/v1/embeddings", Kind.INFERENCE,
                Optional.of(Operation.EMBEDDINGS)));
    }

    @Test
    void shouldClassifyAnAudioUploadRouteAsInference() {
        gateway.post("/v1/audio/transcriptions", new ApiHandler(Dialect.OPENAI, Operation.TRANSCRIPTION,
                Pipeline.of(List.of()), new RequestBodies(1024, Deadlines.start(java.time.Duration.ofMinutes(1), TIMER)),
                new AudioEdge()));
        assertThat(table.entries()).containsExactly(new RouteTable.Entry("POST", "/v1/audio/transcriptions",
                Kind.INFERENCE, Optional.of(Operation.TRANSCRIPTION)));
    }

    @Test
    void shouldFlagAPlainHandlerOnAGatewayPath() {
        gateway.post("/v1/images/generations", PLAIN);
        gateway.post("/v1/audio/translations", PLAIN);
        assertThat(table.entries()).extracting(RouteTable.Entry::kind).containsOnly(Kind.UNDECLARED).hasSize(2);
    }

    @Test
    void shouldFlagAPlainHandlerNextToAGovernedOne() {
        gateway.post("/v1/chat/completions", governed(Operation.CHAT), PLAIN);
        assertThat(only()).isEqualTo(Kind.UNDECLARED);
    }

    @Test
    void shouldFlagAnUngovernedPostEvenAtADeclaredGetPath() {
        gateway.post("/v1/models", PLAIN);
        assertThat(only()).isEqualTo(Kind.UNDECLARED);
    }

    @Test
    void shouldFlagAManagementRouteUnderAClientApiPrefix() {
        management.get("/anthropic/v1/models", PLAIN);
        assertThat(only()).isEqualTo(Kind.UNDECLARED);
    }

    @Test
    void shouldFlagRoutesAddedWithoutAReadableMethodAndPath() {
        gateway.route(Method.POST, PathMatchers.exact("/v1/audio/speech"), PLAIN);
        management.route(HttpRoute.builder().path("/api/x").handler(PLAIN).build());
        management.register("/api/service", rules -> rules.get("/", PLAIN));
        assertThat(table.entries()).extracting(RouteTable.Entry::kind).containsOnly(Kind.UNDECLARED).hasSize(3);
    }

    @Test
    void shouldClassifyDeclaredUngovernedRoutes() {
        gateway.get("/v1/models", PLAIN);
        gateway.get("/health", PLAIN);
        gateway.any(PLAIN);
        management.get("/api/cache", PLAIN);
        management.get("/ui/{file}", PLAIN);
        table.recording(HttpRouting.builder(), RouteTable.Scope.METRICS).get("/metrics", PLAIN);
        assertThat(table.entries()).extracting(RouteTable.Entry::kind).containsExactly(Kind.CATALOG, Kind.HEALTH,
                Kind.FALLBACK, Kind.MANAGEMENT, Kind.UI, Kind.METRICS);
    }

    @Test
    void shouldStillAddEveryRouteToTheRealRouting() {
        HttpRouting.Builder real = HttpRouting.builder();
        table.recording(real, RouteTable.Scope.GATEWAY).get("/health", PLAIN);
        assertThat(real.build()).isNotNull();
        assertThat(table.entries()).hasSize(1);
    }
}
