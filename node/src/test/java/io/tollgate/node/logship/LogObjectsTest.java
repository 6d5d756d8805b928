package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Json;
import io.tollgate.cluster.log.ExportBatch;
import io.tollgate.cluster.log.ExportPosition;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.node.admin.LogJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LogObjectsTest {

    static final Instant STORED = Instant.parse("2026-11-30T12:05:01.123456Z");
    static final List<LogRecord> ROWS = List.of(row("req-b", "2026-11-29T23:59:59.500Z"),
            row("req-c", "2026-11-30T00:00:00Z"), row("req-a", "2026-11-29T10:00:00Z"));
    static final ExportBatch RANGE = new ExportBatch("s3:host/logs/p", 7,
            Optional.of(new ExportPosition(STORED.minusSeconds(60), "req-z", STORED.minusSeconds(90))),
            new ExportPosition(STORED, "req-a", Instant.parse("2026-11-29T10:00:00Z")), 3);

    @Test
    void shouldWriteOneObjectPerUtcDayOfTheRowsInStoreOrderAsTheApiShowsThem() {
        List<LogObject> objects = build("gw/prod", RANGE, false);

        assertThat(objects).extracting(LogObject::day, LogObject::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-29"), 2),
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-30"), 1));
        assertThat(objects.get(0).key()).matches("gw/prod/dt=2026-11-29/20261130T120501\\.123456Z-[0-9a-f]{16}"
                + "\\.jsonl\\.gz");
        assertThat(objects.get(1).key()).startsWith("gw/prod/dt=2026-11-30/20261130T120501.123456Z-")
                .endsWith(objects.get(0).key().substring(objects.get(0).key().lastIndexOf('-')));
        assertThat(lines(objects.get(0))).containsExactly(json(ROWS.get(0), false), json(ROWS.get(2), false));
        assertThat(lines(objects.get(1))).containsExactly(json(ROWS.get(1), false));
        assertThat(lines(objects.get(0)).getFirst()).doesNotContain("request_body");
    }

    @Test
    void shouldWriteTheSameKeysAndBytesWhenARangeIsWrittenAgain() {
        List<LogObject> first = build("gw/prod", RANGE, false);
        List<LogObject> again = build("gw/prod", RANGE, false);

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(again.get(i).body()).isEqualTo(first.get(i).body());
        }
        ExportBatch next = new ExportBatch(RANGE.sink(), 9, Optional.of(RANGE.last()),
                new ExportPosition(STORED.plusSeconds(1), "req-d", STORED), 3);
        assertThat(build("gw/prod", next, false).getFirst().key()).isNotEqualTo(first.getFirst().key());
    }

    @Test
    void shouldCarryBodiesOnlyWhenAskedAndKeyWithoutAPrefix() {
        List<LogObject> objects = build("", RANGE, true);

        assertThat(objects.getFirst().key()).startsWith("dt=2026-11-29/");
        assertThat(lines(objects.getFirst()).getFirst()).isEqualTo(json(ROWS.get(0), true))
                .contains("\"request_body\":\"prompt req-b\"");
        assertThat(new LogObjects("p", RANGE, false).finish()).isEmpty();
    }

    static List<LogObject> build(String prefix, ExportBatch range, boolean bodies) {
        LogObjects objects = new LogObjects(prefix, range, bodies);
        ROWS.forEach(objects::add);
        return objects.finish();
    }

    static String json(LogRecord row, boolean bodies) {
        return new String(Json.bytes(LogJson.json(row, bodies)), StandardCharsets.UTF_8);
    }

    static List<String> lines(LogObject object) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(object.body()))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            return List.of(text.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LogRecord row(String id, String time) {
        return new LogRecord(id, Instant.parse(time), "http://127.0.0.1:8080", Optional.of("vk-1"), Optional.empty(),
                Optional.empty(), "openai.chat", Optional.of("mock"), Optional.of("echo"), Optional.of("k1"), 200,
                Optional.empty(), 1, 0, false, "miss", 0, 12, 0, 0, 0, 4, 1_234, 0, 900, Optional.empty(), 700, 200,
                Optional.of("prompt " + id), Optional.of("answer " + id));
    }
}
