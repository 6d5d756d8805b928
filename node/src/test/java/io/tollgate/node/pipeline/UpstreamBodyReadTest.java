package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.spi.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamBodyReadTest {

    private static final byte[] BODY = "{\"id\":\"chatcmpl-1\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReadABodyOfItsDeclaredLengthAndItsEnd() {
        Fake response = new Fake(Map.of("content-length", Integer.toString(BODY.length)), BODY);

        assertThat(InvokeStage.readAll(response, Integer.MAX_VALUE)).isEqualTo(BODY);
        assertThat(response.stream.available()).isZero();
    }

    @Test
    void shouldReadEverythingWhenNoLengthIsDeclaredOrTheLengthIsNotOfTheBytesRead() {
        assertThat(InvokeStage.readAll(new Fake(Map.of(), BODY), Integer.MAX_VALUE)).isEqualTo(BODY);
        // a client undoing a content coding reads more bytes than the header declares
        assertThat(InvokeStage.readAll(new Fake(Map.of("content-length", "7", "content-encoding", "gzip"), BODY),
                Integer.MAX_VALUE)).isEqualTo(BODY);
        assertThat(InvokeStage.readAll(new Fake(Map.of("content-length", "not a number"), BODY), Integer.MAX_VALUE))
                .isEqualTo(BODY);
    }

    @Test
    void shouldKeepToTheLimitAndToWhatArrived() {
        assertThat(InvokeStage.readAll(new Fake(Map.of("content-length", Integer.toString(BODY.length)), BODY), 5))
                .hasSize(5);
        byte[] cut = InvokeStage.readAll(new Fake(Map.of("content-length", "1000"), BODY), Integer.MAX_VALUE);
        assertThat(cut).isEqualTo(BODY);
    }

    @Test
    void shouldTakeIdentityCodingAsNoCoding() {
        Fake response = new Fake(Map.of("content-length", "3", "content-encoding", "identity"), BODY);

        assertThat(InvokeStage.declaredLength(response)).isEqualTo(3);
    }

    private static final class Fake implements UpstreamResponse {
        final Map<String, String> headers;
        final ByteArrayInputStream stream;

        Fake(Map<String, String> headers, byte[] body) {
            this.headers = headers;
            this.stream = new ByteArrayInputStream(body);
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        @Override
        public InputStream body() {
            return stream;
        }

        @Override
        public boolean timedOut() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
