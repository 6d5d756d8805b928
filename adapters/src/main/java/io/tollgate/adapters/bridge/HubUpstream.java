package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.bedrock.BedrockConverse;
import io.tollgate.adapters.gemini.OpenAiToGemini;
import io.tollgate.adapters.gemini.Translation;

/**
 * An upstream reached through the OpenAI hub: its translation to and from OpenAI's Chat Completions format. A
 * client of another dialect is first carried to OpenAI's format (see {@link HubBridge}).
 */
interface HubUpstream {

    /** The upstream's request for an OpenAI chat request (the model travels in the URL). */
    ObjectNode request(ObjectNode openAiRequest);

    /** The upstream's whole answer as a {@code chat.completion} with its usage. */
    Translation response(JsonNode upstream, String clientModel, String id, long created);

    /** The upstream's stream as {@code chat.completion.chunk} events ending with {@code [DONE]}. */
    StreamTranslator stream(String clientModel, String id, long created, boolean includeUsage);

    /** The translation of an upstream dialect that the hub serves. */
    static HubUpstream of(Dialect upstream) {
        return switch (upstream) {
            case GEMINI -> new HubUpstream() {
                @Override
                public ObjectNode request(ObjectNode openAiRequest) {
                    return OpenAiToGemini.request(openAiRequest, 0);
                }

                @Override
                public Translation response(JsonNode body, String clientModel, String id, long created) {
                    return OpenAiToGemini.response(body, clientModel, id, created);
                }

                @Override
                public StreamTranslator stream(String clientModel, String id, long created, boolean includeUsage) {
                    return OpenAiToGemini.stream(clientModel, id, created, includeUsage);
                }
            };
            case BEDROCK -> new HubUpstream() {
                @Override
                public ObjectNode request(ObjectNode openAiRequest) {
                    return BedrockConverse.request(openAiRequest);
                }

                @Override
                public Translation response(JsonNode body, String clientModel, String id, long created) {
                    Usage usage = BedrockConverse.usage(body.path("usage"));
                    return new Translation(BedrockConverse.response(body, clientModel, id, created), usage);
                }

                @Override
                public StreamTranslator stream(String clientModel, String id, long created, boolean includeUsage) {
                    return BedrockConverse.stream(clientModel, id, created, includeUsage);
                }
            };
            default -> throw new IllegalArgumentException(upstream + " is not reached through the OpenAI hub");
        };
    }
}
