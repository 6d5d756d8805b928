package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SubRip ({@code srt}) and WebVTT ({@code vtt}) subtitles from the {@code segments} of a {@code verbose_json}
 * transcription: one cue per segment, numbered from 1 in SubRip, times to the millisecond. Stateless.
 */
final class Subtitles {

    private Subtitles() {
    }

    /** The segments as SubRip. */
    static String srt(JsonNode segments) {
        StringBuilder out = new StringBuilder();
        int index = 1;
        for (JsonNode segment : segments) {
            out.append(index++).append('\n').append(time(segment.path("start"), ',')).append(" --> ")
                    .append(time(segment.path("end"), ',')).append('\n')
                    .append(segment.path("text").asText("").strip()).append("\n\n");
        }
        return out.toString();
    }

    /** The segments as WebVTT. */
    static String vtt(JsonNode segments) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (JsonNode segment : segments) {
            out.append(time(segment.path("start"), '.')).append(" --> ").append(time(segment.path("end"), '.'))
                    .append('\n').append(segment.path("text").asText("").strip()).append("\n\n");
        }
        return out.toString();
    }

    /** {@code HH:MM:SS,mmm} (SubRip) or {@code HH:MM:SS.mmm} (WebVTT) of a time in seconds. */
    static String time(JsonNode seconds, char separator) {
        BigDecimal value = seconds.isNumber() ? seconds.decimalValue().max(BigDecimal.ZERO) : BigDecimal.ZERO;
        long millis = value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValue();
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000,
                millis / 60_000 % 60, millis / 1000 % 60, separator, millis % 1000);
    }
}
