package io.tollgate.adapters.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    private static final String BODY = "--xyz\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
            + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
            + "Content-Type: application/jsonl\r\n\r\nline one\r\nline two\r\n--xyz--\r\n";

    @Test
    void shouldReadEveryPartWithItsNameFilenameTypeAndBytes() {
        MultipartForm form = MultipartForm.read("multipart/form-data; boundary=xyz", bytes(BODY));

        assertThat(form.parts()).extracting(MultipartForm.Part::name).containsExactly("purpose", "file");
        assertThat(form.part("purpose").orElseThrow().text()).isEqualTo("batch");
        MultipartForm.Part file = form.part("file").orElseThrow();
        assertThat(file.filename()).contains("in.jsonl");
        assertThat(file.contentType()).contains("application/jsonl");
        assertThat(file.text()).isEqualTo("line one\r\nline two");
    }

    @Test
    void shouldWriteWhatItReadsBackWithAReplacedPart() {
        MultipartForm form = MultipartForm.read("multipart/form-data; boundary=\"xyz\"", bytes(BODY))
                .with(new MultipartForm.Part("file", Optional.of("in \"2\".jsonl"), Optional.empty(), bytes("new")));
        MultipartForm again = MultipartForm.read(form.contentType(), form.bytes());

        assertThat(again.parts()).extracting(MultipartForm.Part::name).containsExactly("purpose", "file");
        assertThat(again.part("file").orElseThrow().text()).isEqualTo("new");
        assertThat(again.part("file").orElseThrow().filename()).contains("in \"2\".jsonl");
        assertThat(MultipartForm.of(List.of()).contentType()).isNotEqualTo(MultipartForm.of(List.of()).contentType());
    }

    @Test
    void shouldRefuseWhatIsNotAFormWithACleanError() {
        for (String[] bad : new String[][] {{"application/json", BODY}, {"multipart/form-data", BODY},
            {"multipart/form-data; boundary=abc", BODY}, {"multipart/form-data; boundary=xyz", "--xyz\r\nno end"},
            {"multipart/form-data; boundary=xyz", "--xyz\r\nContent-Type: text/plain\r\n\r\nx\r\n--xyz--"}}) {
            assertThatThrownBy(() -> MultipartForm.read(bad[0], bytes(bad[1]))).as(bad[0] + " " + bad[1])
                    .isInstanceOf(GatewayException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
