package io.tollgate.adapters.bedrock;

import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Two translators in a row, through Anthropic's events as the common middle. The usage is the first's (it reads
 * the upstream's own report); {@link #completed()} is the second's (it writes the client's end). Not thread-safe.
 */
final class ChainedStream implements StreamTranslator {

    private final StreamTranslator first;
    private final StreamTranslator second;

    ChainedStream(StreamTranslator first, StreamTranslator second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        return through(first.onEvent(upstream));
    }

    @Override
    public List<SseEvent> onEnd() {
        List<SseEvent> out = through(first.onEnd());
        out.addAll(second.onEnd());
        return out;
    }

    @Override
    public Usage usage() {
        return first.usage();
    }

    @Override
    public boolean completed() {
        return second.completed();
    }

    private List<SseEvent> through(List<SseEvent> middle) {
        List<SseEvent> out = new ArrayList<>(middle.size() + 1);
        for (SseEvent event : middle) {
            out.addAll(second.onEvent(event));
        }
        return out;
    }
}
