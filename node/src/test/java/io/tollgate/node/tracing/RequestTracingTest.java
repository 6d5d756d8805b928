package io.tollgate.node.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.pipeline.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTracingTest {

    private static final Stage PASS = (exchange, next) -> next.proceed(exchange);

    @Test
    void shouldBeOffAndLeaveThePipelineAloneUnlessTheEnvironmentAsksForTraces() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("OTEL_TRACES_EXPORTER", "none"),
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318", "OTEL_SDK_DISABLED", "true"))) {
            RequestTracing tracing = RequestTracing.fromEnvironment(env);

            assertThat(tracing.enabled()).as(env.toString()).isFalse();
            assertThat(tracing.wrap(List.of(PASS), java.util.Collections.singletonList("stage"))).containsExactly(PASS);
            assertThat(tracing.upstreamHeaders()).isEmpty();
        }
    }

    @Test
    void shouldBeOnWhenAnOtlpEndpointIsSet() {
        try (RequestTracing tracing = RequestTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:4318", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"))) {
            assertThat(tracing.enabled()).isTrue();
            assertThat(tracing.wrap(List.of(PASS), java.util.Collections.singletonList("stage"))).hasSize(2);
        }
    }

    @Test
    void shouldStayOffWithAWarningWhenTheSettingsCannotBeUsed() {
        RequestTracing tracing = RequestTracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:4317", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));

        assertThat(tracing.enabled()).as("no gRPC sender on the class path").isFalse();
    }
}
