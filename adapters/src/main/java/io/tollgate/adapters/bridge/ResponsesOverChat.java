package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.responses.ChatToResponses;
import io.tollgate.adapters.responses.ChunksToResponseEvents;
import io.tollgate.adapters.responses.ResponsesToChat;

/**
 * Responses client, upstream without the Responses API: the request becomes an OpenAI chat request, which the
 * chat bridge for the upstream's dialect carries on (to Anthropic's Messages, Gemini, Bedrock, or an
 * OpenAI-compatible server as it is); its OpenAI answer, whole or streamed, comes back as a Response. The usage is
 * the chat bridge's, read from the upstream's own format.
 */
final class ResponsesOverChat implements Bridge {

    private final ObjectNode request;
    private final Bridge chat;
    private final Context context;

    private ResponsesOverChat(ObjectNode request, Bridge chat, Context context) {
        this.request = request;
        this.chat = chat;
        this.context = context;
    }

    static ResponsesOverChat create(Dialect upstream, ObjectNode body, Context context) {
        Context chatContext = new Context(context.requestId(), Operation.CHAT, context.clientModel(),
                context.upstreamModel(), context.createdEpochSeconds(), context.defaultMaxTokens());
        return new ResponsesOverChat(body, Bridge.create(Dialect.OPENAI, upstream, ResponsesToChat.request(body),
                chatContext), context);
    }

    @Override
    public byte[] request() {
        return chat.request();
    }

    @Override
    public Translated response(byte[] upstreamBody) {
        Translated completion = chat.response(upstreamBody);
        ObjectNode response = ChatToResponses.response(request, Json.parseObject(completion.body()),
                completion.usage(), context.requestId(), context.clientModel(), context.createdEpochSeconds());
        return new Translated(Json.bytes(response), completion.usage());
    }

    @Override
    public StreamTranslator stream() {
        return new ChainedTranslator(chat.stream(), new ChunksToResponseEvents(request, context.requestId(),
                context.clientModel(), context.createdEpochSeconds()));
    }
}
