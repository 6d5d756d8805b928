package io.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.sse.SseReader;
import io.tollgate.adapters.translate.OpenAiRelay;
import io.tollgate.adapters.translate.OpenAiToAnthropic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON and SSE codecs as the node uses them. Requests ({@code @Param body}, see {@link RequestBodies}): parse
 * ({@link Json#parseObject}), write ({@link Json#bytes}), and a copy of the bytes as the floor. Streams, one OpenAI
 * {@code chat.completion.chunk} event at a time from an endless upstream stream: read it ({@link SseReader}), read
 * and parse its JSON, read and relay it as {@code StreamRelay} does for an OpenAI client (the relay translator, the
 * wire form, UTF-8 bytes), write it (wire form and bytes), and translate an Anthropic {@code text_delta} event into
 * an OpenAI chunk (and write it). See bench/README.md.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {

    /** One OpenAI stream chunk as an upstream sends it (one token of text). */
    static final String CHUNK = "{\"id\":\"chatcmpl-BxK2v9QeZr4TnY7mWc1aLp0s\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1764410000,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
            + "\"system_fingerprint\":\"fp_560af6e559\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
            + "\" neighbourhood\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
    /** One Anthropic text delta event's data. */
    static final String ANTHROPIC_DELTA = "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\" neighbourhood\"}}";

    /** A request body, parsed and as bytes. */
    @State(Scope.Thread)
    public static class Requests {

        /** Which body: see {@link RequestBodies}. */
        @Param({RequestBodies.SHORT_CHAT, RequestBodies.LONG_CHAT, RequestBodies.TOOL_CALL})
        public String body;

        byte[] bytes;
        ObjectNode tree;

        /** Builds the body. */
        @Setup(Level.Trial)
        public void build() {
            bytes = RequestBodies.of(body, "gpt-4o-mini");
            tree = Json.parseObject(bytes);
        }
    }

    /** An endless upstream stream of the same chunk event, with its readers and translators. */
    @State(Scope.Thread)
    public static class Stream {

        SseReader reader;
        StreamTranslator relay;
        StreamTranslator anthropic;
        SseEvent event;
        SseEvent anthropicEvent;

        /** Opens the stream and the translators (one per stream, as in the node). */
        @Setup(Level.Trial)
        public void open() {
            reader = SseReader.create(Endless.of(("data: " + CHUNK + "\n\n").getBytes(StandardCharsets.UTF_8)));
            relay = OpenAiRelay.stream(false);
            anthropic = OpenAiToAnthropic.stream("claude-sonnet-4-5", "chatcmpl-BxK2v9QeZr4TnY7mWc1aLp0s",
                    1764410000L, false);
            event = SseEvent.data(CHUNK);
            anthropicEvent = SseEvent.named("content_block_delta", ANTHROPIC_DELTA);
            if (anthropic.onEvent(anthropicEvent).size() != 1) {
                throw new IllegalStateException("the Anthropic delta should become one chunk");
            }
        }
    }

    /** Parses a request body as the route does. */
    @Benchmark
    public ObjectNode requestParse(Requests state) {
        return Json.parseObject(state.bytes);
    }

    /** Writes a parsed request as the invoke stage sends it upstream. */
    @Benchmark
    public byte[] requestWrite(Requests state) {
        return Json.bytes(state.tree);
    }

    /** The floor: a copy of the body's bytes. */
    @Benchmark
    public byte[] requestCopy(Requests state) {
        return state.bytes.clone();
    }

    /** Reads the next chunk event from the upstream stream. */
    @Benchmark
    public SseEvent sseRead(Stream state) throws IOException {
        return state.reader.next().orElseThrow();
    }

    /** Reads the next chunk event and parses its JSON (what a translator or a usage chunk costs). */
    @Benchmark
    public JsonNode sseReadAndParse(Stream state) throws IOException {
        return Json.MAPPER.readTree(state.reader.next().orElseThrow().data());
    }

    /** Reads, relays and writes one chunk for an OpenAI client, as the node's stream relay does. */
    @Benchmark
    public byte[] sseRelay(Stream state) throws IOException {
        List<SseEvent> out = state.relay.onEvent(state.reader.next().orElseThrow());
        return wire(out);
    }

    /** Writes one chunk event: its wire form and UTF-8 bytes, as the relay and the client channel do. */
    @Benchmark
    public byte[] sseWrite(Stream state) {
        return state.event.toWire().getBytes(StandardCharsets.UTF_8);
    }

    /** Translates an Anthropic text delta into an OpenAI chunk and writes it. */
    @Benchmark
    public byte[] anthropicToChunk(Stream state) {
        return wire(state.anthropic.onEvent(state.anthropicEvent));
    }

    private static byte[] wire(List<SseEvent> events) {
        StringBuilder wire = new StringBuilder();
        for (SseEvent event : events) {
            wire.append(event.toWire());
        }
        return wire.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same bytes over and over, never ending. */
    static final class Endless extends InputStream {

        private final byte[] cycle;
        private int position;

        private Endless(byte[] cycle) {
            this.cycle = cycle;
        }

        static Endless of(byte[] cycle) {
            return new Endless(cycle);
        }

        @Override
        public int read() {
            int b = cycle[position] & 0xff;
            position = (position + 1) % cycle.length;
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            int done = 0;
            while (done < length) {
                int n = Math.min(length - done, cycle.length - position);
                System.arraycopy(cycle, position, into, offset + done, n);
                done += n;
                position = (position + n) % cycle.length;
            }
            return length;
        }
    }
}
