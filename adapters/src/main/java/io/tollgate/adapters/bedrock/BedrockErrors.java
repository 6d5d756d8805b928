package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.UpstreamErrors;
import java.util.Locale;

/**
 * Bedrock's errors as {@link GatewayException}s: HTTP error bodies ({@code {"message": ...}} with the type in the
 * {@code x-amzn-ErrorType} header) and the exception events of a ConverseStream. Every result is an
 * {@code UPSTREAM_ERROR} that keeps Bedrock's type ({@code ThrottlingException}, ...) as its upstream type.
 */
final class BedrockErrors {

    private BedrockErrors() {
    }

    /**
     * An HTTP error answer.
     *
     * @param status Bedrock's status, kept
     * @param errorType the {@code x-amzn-ErrorType} header, empty when absent; its {@code :...} suffix is dropped
     * @param body the body; its {@code message} (or {@code Message}) is the message, a non-JSON body is quoted
     */
    static GatewayException fromResponse(int status, String errorType, byte[] body) {
        GatewayException parsed = UpstreamErrors.parse(status, body, Dialect.OPENAI);
        String type = errorType;
        int colon = type.indexOf(':');
        if (colon >= 0) {
            type = type.substring(0, colon);
        }
        return GatewayException.upstream(status, parsed.getMessage(), type.strip());
    }

    /**
     * An exception event of a ConverseStream ({@code :exception-type} and a {@code {"message": ...}} payload). The
     * status comes from the type as Bedrock documents it: validation 400, access denied 403, not found 404,
     * throttling, model not ready and quota 429, service unavailable 503, model timeout 504, the others 502.
     */
    static GatewayException fromStream(String exceptionType, JsonNode payload) {
        String message = payload.path("message").asText(payload.path("Message").asText(""));
        if (message.isBlank()) {
            message = "Bedrock stream failed with " + exceptionType;
        }
        return GatewayException.upstream(status(exceptionType), message, exceptionType);
    }

    static int status(String exceptionType) {
        return switch (exceptionType.toLowerCase(Locale.ROOT)) {
            case "validationexception" -> 400;
            case "accessdeniedexception" -> 403;
            case "resourcenotfoundexception" -> 404;
            case "throttlingexception", "modelnotreadyexception", "servicequotaexceededexception" -> 429;
            case "serviceunavailableexception" -> 503;
            case "modeltimeoutexception" -> 504;
            default -> 502;
        };
    }
}
