package io.tollgate.adapters.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading multipart/form-data: what real clients send, and every malformed form refused as the client's error. */
class MultipartFormTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldReadFieldsAndABinaryFileWithItsNameAndType() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("preamble\r\n--XyZ\r\ncontent-disposition: form-data; name=\"model\"\r\n\r\n"
                + "openai/whisper-1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"a;b.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n"));
        byte[] audio = {0, '\r', '\n', '-', '-', 'X', (byte) 0xFF};   // a CRLF and dashes inside the data
        body.writeBytes(audio);
        body.writeBytes(bytes("\r\n--XyZ--\r\nepilogue"));
        List<MultipartForm.Part> parts = MultipartForm.read(TYPE, body.toByteArray()).parts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("model");
        assertThat(parts.get(0).text()).isEqualTo("openai/whisper-1");
        assertThat(parts.get(0).filename()).isEmpty();
        assertThat(parts.get(1).filename()).hasValue("a;b.mp3");
        assertThat(parts.get(1).contentType()).hasValue("audio/mpeg");
        assertThat(parts.get(1).content()).containsExactly(audio);
    }

    @Test
    void shouldReadAQuotedBoundaryAndAnEmptyForm() {
        assertThat(MultipartForm.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartForm.read(TYPE, bytes("--XyZ--\r\n")).parts()).isEmpty();
    }

    @Test
    void shouldRefuseWhatIsNoForm() {
        refused("application/json", "--XyZ--", "takes multipart/form-data");
        refused("multipart/form-data", "--XyZ--", "names no boundary");
        refused(TYPE, "no delimiter here", "no part delimited");
        refused(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue", "without its closing");
        refused(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"f\"", "no headers ended");
        refused(TYPE, "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "no 'Content-Disposition");
        refused(TYPE, "--XyZ\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nx\r\n--XyZ--", "no name");
        refused(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"x\r\n\r\nx\r\n--XyZ--", "not closed");
        refused("multipart/form-data; boundary=" + "b".repeat(71), "--", "1 to 70 characters");
    }

    @Test
    void shouldRefuseMorePartsThanAFormNeeds() {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i <= MultipartForm.MAX_PARTS; i++) {
            form.append("--XyZ\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        form.append("--XyZ--");
        refused(TYPE, form.toString(), "more than " + MultipartForm.MAX_PARTS + " parts");
    }

    private static void refused(String contentType, String body, String message) {
        assertThatThrownBy(() -> MultipartForm.read(contentType, bytes(body)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).hasValue("file");
                })
                .hasMessageContaining(message);
    }

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
                .with(new MultipartForm.Part("file", Optional.of("in \"2\".jsonl"), Optional.empty(),
                        bytes("new")));
        MultipartForm again = MultipartForm.read(form.contentType(), form.bytes());

        assertThat(again.parts()).extracting(MultipartForm.Part::name).containsExactly("purpose", "file");
        assertThat(again.part("file").orElseThrow().text()).isEqualTo("new");
        // a quote in a written name is escaped as browsers do (RFC 7578, 4.2)
        assertThat(again.part("file").orElseThrow().filename()).contains("in %222%22.jsonl");
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
}
