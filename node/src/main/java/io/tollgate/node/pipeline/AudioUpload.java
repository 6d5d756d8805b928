package io.tollgate.node.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The audio file of a transcription or translation form, carried in the exchange's body under {@code file} so the
 * pipeline's stages see one typed body for every route. Written as JSON (the request log's content, a trace) it
 * shows as a short description, never as the audio. Immutable.
 */
public final class AudioUpload extends ValueNode {

    private static final long serialVersionUID = 1L;

    private final String filename;
    private final String contentType;
    private final byte[] data;

    private AudioUpload(String filename, String contentType, byte[] data) {
        this.data = Objects.requireNonNull(data, "data");
        this.filename = Objects.requireNonNull(filename, "filename");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * An uploaded file.
     *
     * @param filename the client's file name (its extension tells the upstream the codec)
     * @param contentType the part's content type ({@code application/octet-stream} when the client gave none)
     * @param data the audio, not copied: the caller gives it up
     */
    public static AudioUpload of(String filename, String contentType, byte[] data) {
        return new AudioUpload(filename, contentType, data);
    }

    /** The client's file name. */
    public String filename() {
        return filename;
    }

    /** The part's content type. */
    public String contentType() {
        return contentType;
    }

    /** The file's size in bytes. */
    public int size() {
        return data.length;
    }

    /** The audio itself, not copied: callers must not change it. */
    @Override
    public byte[] binaryValue() {
        return data;
    }

    @Override
    public JsonNodeType getNodeType() {
        return JsonNodeType.BINARY;
    }

    @Override
    public JsonToken asToken() {
        return JsonToken.VALUE_EMBEDDED_OBJECT;
    }

    /** A short description, never the audio. */
    @Override
    public String asText() {
        return "<audio file '" + filename + "', " + contentType + ", " + size() + " bytes>";
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(asText());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioUpload upload && filename.equals(upload.filename)
                && contentType.equals(upload.contentType) && Arrays.equals(data, upload.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, Arrays.hashCode(data));
    }
}
