package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.Params;

/**
 * Gemini media parts as OpenAI content parts: images as {@code image_url} (inline data as a data URL, a file URI
 * as the URL), wav and mp3 audio as {@code input_audio}, any other inline data (PDF, ...) as a {@code file} part
 * with a data URL. Media by file URI other than images cannot be given to an OpenAI model and is refused.
 */
final class GeminiMedia {

    private GeminiMedia() {
    }

    static ObjectNode inlineToOpenAi(JsonNode inline, String p) {
        String mime = Params.requireString(inline.path("mimeType"), p + ".mimeType");
        String data = Params.requireString(inline.path("data"), p + ".data");
        ObjectNode part = Json.object();
        String url = "data:" + mime + ";base64," + data;
        if (mime.startsWith("image/")) {
            part.put("type", "image_url").putObject("image_url").put("url", url);
        } else if ("audio/wav".equals(mime) || "audio/mp3".equals(mime) || "audio/mpeg".equals(mime)) {
            part.put("type", "input_audio").putObject("input_audio").put("data", data)
                    .put("format", "audio/wav".equals(mime) ? "wav" : "mp3");
        } else {
            part.put("type", "file").putObject("file").put("filename", "file").put("file_data", url);
        }
        return part;
    }

    static ObjectNode fileToOpenAi(JsonNode file, String p) {
        String mime = Params.requireString(file.path("mimeType"), p + ".mimeType");
        String uri = Params.requireString(file.path("fileUri"), p + ".fileUri");
        if (!mime.startsWith("image/") || !(uri.startsWith("https://") || uri.startsWith("http://"))) {
            throw GatewayException.invalid(p, "only images at http(s) URLs can be passed by URI, not " + mime
                    + " at " + uri);
        }
        ObjectNode part = Json.object();
        part.put("type", "image_url").putObject("image_url").put("url", uri);
        return part;
    }
}
