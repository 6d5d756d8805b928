package io.tollgate.node.cache;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-type upstream whose every answer is different ("Answer number N."), whole or streamed as the
 * request asks: a test tells which call an answer came from, and so whether a cache served it. 10 prompt and 4
 * completion tokens each.
 */
final class NumberedUpstream {

    private final FakeUpstream upstream = FakeUpstream.start();
    private final AtomicInteger calls = new AtomicInteger();

    NumberedUpstream() {
        upstream.on("/v1/chat/completions", exchange -> {
            int n = calls.incrementAndGet();
            boolean stream = upstream.last().body().contains("\"stream\":true");
            (stream ? Reply.sse(chunks(n)) : Reply.json(200, completion(n))).write(exchange);
        });
    }

    String url() {
        return upstream.url();
    }

    int calls() {
        return calls.get();
    }

    void close() {
        upstream.close();
    }

    static String text(int n) {
        return "Answer number " + n + ".";
    }

    private static String completion(int n) {
        return """
                {"id":"chatcmpl-%d","object":"chat.completion","created":1700000000,"model":"gpt-c",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}}""".formatted(n, text(n));
    }

    private static List<String> chunks(int n) {
        String head = "data: {\"id\":\"chatcmpl-" + n + "\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"gpt-c\",";
        return List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Answer\"}}]}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" number " + n + ".\"}}]}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14}}\n\n",
                "data: [DONE]\n\n");
    }
}
