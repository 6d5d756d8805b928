package io.tollgate.cache.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.config.CacheConfig;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a request's {@link RequestKey}. The exact id hashes the whole canonical request except what does not
 * change the answer ({@code stream}, {@code stream_options}, {@code user}, {@code metadata}), so a streaming and a
 * non-streaming request share entries. The partition hashes every field but the messages, and the messages the
 * semantic path does not embed: those must match exactly, so a paraphrased last question matches only within the
 * same conversation, system prompt, model and parameters. Immutable and thread-safe.
 */
public final class RequestKeys {

    /** The format of the hashed text; part of every hash so a change of this class invalidates old entries. */
    public static final String VERSION = "k2";
    private static final Set<String> IGNORED_AND_CONVERSATION = Set.of("stream", "stream_options", "user",
            "metadata", "messages", "system");

    private final CacheConfig.EmbedInput embed;
    private final String embeddingModel;

    private RequestKeys(CacheConfig.EmbedInput embed, String embeddingModel) {
        this.embed = Objects.requireNonNull(embed, "embed");
        this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
    }

    /**
     * Keys embedding this part of the conversation with this model (entries of another model live in other
     * partitions).
     */
    public static RequestKeys create(CacheConfig.EmbedInput embed, String embeddingModel) {
        return new RequestKeys(embed, embeddingModel);
    }

    /**
     * The key of one request.
     *
     * @param scope who may share the answer
     * @param target the provider and model that answer ({@code provider/model})
     * @param format the body's format
     * @param body the request body as it will be sent
     */
    public RequestKey of(String scope, String target, RequestFormat format, JsonNode body) {
        Conversation conversation = Conversation.of(format, body);
        MessageDigest exact = start(scope, target, format, body);
        MessageDigest partition = copy(exact);   // the parameters are hashed once for both
        conversation.system().ifPresent(system -> CanonicalJson.update(exact, system.digest()));
        CanonicalJson.update(exact, "messages");
        conversation.messages().forEach(message -> CanonicalJson.update(exact, message.digest()));
        Split split = split(conversation);
        CanonicalJson.update(partition, embeddingModel);
        split.context().forEach(digest -> CanonicalJson.update(partition, digest));
        return new RequestKey(scope, HexFormat.of().formatHex(exact.digest()),
                HexFormat.of().formatHex(partition.digest()), split.text());
    }

    /** A digest of the version, the scope, the target, the format and the parameters (the body without messages). */
    private static MessageDigest start(String scope, String target, RequestFormat format, JsonNode body) {
        MessageDigest digest = CanonicalJson.newDigest();
        CanonicalJson.update(digest, VERSION);
        CanonicalJson.update(digest, scope);
        CanonicalJson.update(digest, target);
        CanonicalJson.update(digest, format.name());
        CanonicalJson.hash(digest, body, IGNORED_AND_CONVERSATION);
        return digest;
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of this JDK cannot be copied", e);
        }
    }

    private Split split(Conversation conversation) {
        List<Conversation.Message> messages = conversation.messages();
        int from = switch (embed.source()) {
            case LAST_USER -> lastUser(messages);
            case LAST_TURNS -> Math.max(0, messages.size() - embed.turns());
        };
        if (from < 0 || from >= messages.size()) {
            return new Split(context(conversation, messages, true), Optional.empty());
        }
        List<Conversation.Message> embedded = embed.source() == CacheConfig.EmbedInput.Source.LAST_USER
                ? List.of(messages.get(from)) : messages.subList(from, messages.size());
        List<Conversation.Message> rest = new ArrayList<>(messages.subList(0, from));
        if (embed.source() == CacheConfig.EmbedInput.Source.LAST_USER) {
            rest.addAll(messages.subList(from + 1, messages.size()));
        }
        boolean systemEmbedded = embed.includeSystem() && conversation.system().isPresent();
        List<Conversation.Message> texts = new ArrayList<>();
        if (systemEmbedded) {
            texts.add(conversation.system().get());
        }
        texts.addAll(embedded);
        Optional<String> text = text(texts, embed.source() == CacheConfig.EmbedInput.Source.LAST_TURNS);
        return new Split(context(conversation, rest, !systemEmbedded), text);
    }

    private static int lastUser(List<Conversation.Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> text(List<Conversation.Message> messages, boolean withRoles) {
        StringBuilder text = new StringBuilder();
        for (Conversation.Message message : messages) {
            if (message.text().isEmpty()) {
                return Optional.empty();
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (withRoles || messages.size() > 1) {
                text.append(message.role()).append(": ");
            }
            text.append(message.text().get());
        }
        return text.toString().isBlank() ? Optional.empty() : Optional.of(text.toString());
    }

    /** The digests of what is not embedded and must match exactly: the system prompt (unless embedded), the rest. */
    private static List<byte[]> context(Conversation conversation, List<Conversation.Message> rest,
                                        boolean withSystem) {
        List<byte[]> context = new ArrayList<>(rest.size() + 2);
        context.add(withSystem && conversation.system().isPresent() ? conversation.system().get().digest()
                : new byte[0]);
        rest.forEach(message -> context.add(message.digest()));
        return context;
    }

    private record Split(List<byte[]> context, Optional<String> text) {
    }
}
