package io.tollgate.adapters.mock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import java.util.ArrayList;
import java.util.List;

/** The mock's OpenAI-format SSE streams: one chunk per word, a finish chunk, the usage chunk if asked, [DONE]. */
final class MockStreams {

    private MockStreams() {
    }

    static List<String> chunks(Operation operation, ObjectNode request, String model, String id, long created) {
        boolean chat = operation == Operation.CHAT;
        Header header = new Header(chat ? "chatcmpl-" + id : "cmpl-" + id,
                chat ? "chat.completion.chunk" : "text_completion", created, model);
        List<String> words = MockReplies.replyWords(request);
        int max = MockReplies.maxWords(request);
        List<String> reply = words.size() > max ? words.subList(0, max) : words;
        String finish = words.size() > max ? "length" : "stop";
        String tool = chat ? MockReplies.forcedTool(request) : "";
        int choices = MockReplies.choices(request);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < choices; i++) {
            if (chat) {
                ObjectNode first = header.chunk();
                ObjectNode delta = choice(first, i).putObject("delta");
                delta.put("role", "assistant");
                delta.put("content", "");
                parts.add(event(first));
            }
            if (!tool.isEmpty()) {
                ObjectNode call = header.chunk();
                ArrayNode calls = MockReplies.toolCalls(tool, "call_" + id + "_" + i);
                ((ObjectNode) calls.get(0)).put("index", 0);
                choice(call, i).putObject("delta").set("tool_calls", calls);
                parts.add(event(call));
                finish = "tool_calls";
            } else {
                for (int w = 0; w < reply.size(); w++) {
                    String piece = reply.get(w) + (w + 1 < reply.size() ? " " : "");
                    ObjectNode chunk = header.chunk();
                    if (chat) {
                        choice(chunk, i).putObject("delta").put("content", piece);
                    } else {
                        choice(chunk, i).put("text", piece);
                    }
                    parts.add(event(chunk));
                }
            }
            ObjectNode last = header.chunk();
            ObjectNode choice = choice(last, i);
            if (chat) {
                choice.putObject("delta");
            } else {
                choice.put("text", "");
            }
            choice.put("finish_reason", finish);
            parts.add(event(last));
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = header.chunk();
            usage.putArray("choices");
            long completion = (tool.isEmpty() ? reply.size() : 4L) * choices;
            usage.set("usage", MockReplies.usage(MockReplies.promptTokens(request), completion));
            parts.add(event(usage));
        }
        parts.add("data: [DONE]\n\n");
        return parts;
    }

    private static ObjectNode choice(ObjectNode chunk, int index) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        choice.putNull("finish_reason");
        return choice;
    }

    private static String event(ObjectNode chunk) {
        return "data: " + Json.string(chunk) + "\n\n";
    }

    private record Header(String id, String object, long created, String model) {
        ObjectNode chunk() {
            ObjectNode chunk = Json.object();
            chunk.put("id", id);
            chunk.put("object", object);
            chunk.put("created", created);
            chunk.put("model", model);
            return chunk;
        }
    }
}
