package io.tollgate.cache.key;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages of a request in one shape whatever its format: role and text of each, the system prompt apart.
 * A message whose content is not only text (an image, a tool result) has no text.
 */
record Conversation(Optional<Message> system, List<Message> messages) {

    /** One message: its role, its canonical JSON, and its text when it is text only. */
    record Message(String role, String canonical, Optional<String> text) {
    }

    static Conversation of(RequestFormat format, JsonNode body) {
        List<Message> messages = new ArrayList<>();
        List<Message> systems = new ArrayList<>();
        if (format == RequestFormat.ANTHROPIC_MESSAGES && body.has("system")) {
            systems.add(message("system", body.get("system")));
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("");
            Message parsed = message(role, message.path("content"), message);
            boolean system = format == RequestFormat.OPENAI_CHAT && (role.equals("system") || role.equals("developer"));
            (system ? systems : messages).add(parsed);
        }
        Optional<Message> system = systems.isEmpty() ? Optional.empty() : Optional.of(merge(systems));
        return new Conversation(system, List.copyOf(messages));
    }

    private static Message message(String role, JsonNode content) {
        return new Message(role, CanonicalJson.write(content), text(content));
    }

    private static Message message(String role, JsonNode content, JsonNode whole) {
        Optional<String> text = whole.has("tool_calls") || whole.has("function_call") ? Optional.empty()
                : text(content);
        return new Message(role, CanonicalJson.write(whole), text);
    }

    private static Message merge(List<Message> systems) {
        StringBuilder canonical = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean allText = true;
        for (Message system : systems) {
            canonical.append(system.canonical()).append('\n');
            allText &= system.text().isPresent();
            system.text().ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t));
        }
        return new Message("system", canonical.toString(), allText ? Optional.of(text.toString()) : Optional.empty());
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
