package io.tollgate.cache.key;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages of a request in one shape whatever its format: the role, a digest of the canonical JSON and the
 * text of each, the system prompt apart. Each message is written canonically and hashed once; the request's
 * hashes are made of these digests. A message whose content is not only text (an image, a tool call) has no text.
 */
record Conversation(Optional<Message> system, List<Message> messages) {

    /** One message: its role, the SHA-256 of its canonical JSON, and its text when it is text only. */
    record Message(String role, byte[] digest, Optional<String> text) {
    }

    static Conversation of(RequestFormat format, JsonNode body) {
        List<Message> messages = new ArrayList<>();
        List<Message> systems = new ArrayList<>();
        if (format == RequestFormat.ANTHROPIC_MESSAGES && body.has("system")) {
            systems.add(new Message("system", digest(body.get("system")), text(body.get("system"))));
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            Optional<String> text = message.has("tool_calls") || message.has("function_call") ? Optional.empty()
                    : text(message.path("content"));
            Message parsed = new Message(role, digest(message), text);
            boolean system = format == RequestFormat.OPENAI_CHAT && (role.equals("system") || role.equals("developer"));
            (system ? systems : messages).add(parsed);
        }
        Optional<Message> system = systems.isEmpty() ? Optional.empty() : Optional.of(merge(systems));
        return new Conversation(system, List.copyOf(messages));
    }

    private static byte[] digest(JsonNode value) {
        MessageDigest digest = CanonicalJson.newDigest();
        CanonicalJson.hash(digest, value, java.util.Set.of());
        return digest.digest();
    }

    private static Message merge(List<Message> systems) {
        if (systems.size() == 1) {
            return systems.getFirst();
        }
        MessageDigest digest = CanonicalJson.newDigest();
        StringBuilder text = new StringBuilder();
        boolean allText = true;
        for (Message system : systems) {
            CanonicalJson.update(digest, system.digest());
            allText &= system.text().isPresent();
            system.text().ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t));
        }
        return new Message("system", digest.digest(), allText ? Optional.of(text.toString()) : Optional.empty());
    }

    /** The text of a content: a string, or a list of text parts only. */
    private static Optional<String> text(JsonNode content) {
        if (content.isTextual()) {
            return Optional.of(content.textValue());
        }
        if (!content.isArray() || content.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                return Optional.empty();
            }
            text.append(text.isEmpty() ? "" : "\n").append(part.get("text").textValue());
        }
        return Optional.of(text.toString());
    }
}
