package io.tollgate.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.multipart.MultipartForm;
import io.tollgate.node.pipeline.AudioUpload;
import io.tollgate.node.pipeline.ClientChannel;
import io.tollgate.node.pipeline.ErrorBodies;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The edge of the audio upload routes ({@code /v1/audio/transcriptions}, {@code /v1/audio/translations}): the client
 * sends {@code multipart/form-data}, the pipeline sees one body whose text fields ({@code model},
 * {@code response_format}, {@code language}, {@code prompt}...) are JSON strings (a field sent several times, such
 * as {@code timestamp_granularities[]}, an array of them) and whose {@code file} is an {@link AudioUpload}. The
 * form is rebuilt for the upstream with its own model name. Errors in OpenAI's shape. Stateless.
 */
final class AudioEdge implements ApiHandler.Edge {

    @Override
    public ObjectNode body(ServerRequest request, byte[] raw) {
        String contentType = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        ObjectNode body = Json.object();
        AudioUpload file = null;
        for (MultipartForm.Part part : MultipartForm.read(contentType, raw).parts()) {
            if (part.name().equals("file")) {
                if (file != null) {
                    throw GatewayException.invalid("file", "The form has more than one 'file' part.");
                }
                file = AudioUpload.of(part.filename().filter(name -> !name.isBlank()).orElse("audio"),
                        part.contentType().orElse("application/octet-stream"), part.content());
                continue;
            }
            add(body, part.name(), text(part));
        }
        if (file == null || file.size() == 0) {
            throw GatewayException.invalid("file", "The form must have a non-empty 'file' part with the audio.");
        }
        String stream = body.path("stream").asText("false");
        if (!stream.equals("true") && !stream.equals("false")) {
            throw GatewayException.invalid("stream", "'stream' must be true or false, was '" + stream + "'.");
        }
        body.set("file", file);
        return body;
    }

    /** Adds a field; a name sent again turns its value into an array. */
    private static void add(ObjectNode body, String name, String value) {
        JsonNode earlier = body.get(name);
        if (earlier == null) {
            body.put(name, value);
        } else if (earlier.isArray()) {
            ((ArrayNode) earlier).add(value);
        } else {
            body.putArray(name).add(earlier).add(value);
        }
    }

    private static String text(MultipartForm.Part part) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(part.content())).toString();
        } catch (CharacterCodingException e) {
            throw GatewayException.invalid(part.name(), "Form field '" + part.name() + "' is not valid UTF-8 text.");
        }
    }

    @Override
    public ClientChannel channel(HelidonChannel channel, ServerRequest request, String id) {
        return channel;
    }

    @Override
    public byte[] error(GatewayException error) {
        return ErrorBodies.body(Dialect.OPENAI, error);
    }
}
