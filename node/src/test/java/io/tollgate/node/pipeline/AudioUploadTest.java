package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import org.junit.jupiter.api.Test;

/** The audio in an exchange's body: never written out as audio, shared by copies, subtitles from its segments. */
class AudioUploadTest {

    @Test
    void shouldShowADescriptionInPlaceOfTheAudioWhenTheBodyIsWritten() {
        ObjectNode body = Json.object().put("model", "openai/whisper-1");
        body.set("file", AudioUpload.of("talk.mp3", "audio/mpeg", new byte[] {1, 2, 3}));
        assertThat(body.toString()).isEqualTo("{\"model\":\"openai/whisper-1\","
                + "\"file\":\"<audio file 'talk.mp3', audio/mpeg, 3 bytes>\"}");
        assertThat(body.deepCopy().get("file")).isSameAs(body.get("file"));
        assertThat(body.get("file").isBinary()).isTrue();
        assertThat(body.get("file")).isEqualTo(AudioUpload.of("talk.mp3", "audio/mpeg", new byte[] {1, 2, 3}));
    }

    @Test
    void shouldWriteSubtitleTimesToTheMillisecond() throws Exception {
        var segments = Json.MAPPER.readTree("[{\"start\":3661.0005,\"end\":3662.25,\"text\":\" one \"},"
                + "{\"start\":\"bad\",\"end\":-1,\"text\":\"two\"}]");
        assertThat(Subtitles.srt(segments)).isEqualTo("1\n01:01:01,001 --> 01:01:02,250\none\n\n"
                + "2\n00:00:00,000 --> 00:00:00,000\ntwo\n\n");
        assertThat(Subtitles.vtt(segments)).isEqualTo("WEBVTT\n\n01:01:01.001 --> 01:01:02.250\none\n\n"
                + "00:00:00.000 --> 00:00:00.000\ntwo\n\n");
    }
}
