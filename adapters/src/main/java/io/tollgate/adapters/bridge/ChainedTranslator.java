package io.tollgate.adapters.bridge;

import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.ArrayList;
import java.util.List;

/** Two translators in a row; the upstream's usage and end are the first one's. */
record ChainedTranslator(StreamTranslator first, StreamTranslator second) implements StreamTranslator {

    @Override
    public List<SseEvent> onEvent(SseEvent event) {
        return through(first.onEvent(event));
    }

    @Override
    public List<SseEvent> onEnd() {
        List<SseEvent> out = new ArrayList<>(through(first.onEnd()));
        out.addAll(second.onEnd());
        return out;
    }

    private List<SseEvent> through(List<SseEvent> events) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent event : events) {
            out.addAll(second.onEvent(event));
        }
        return out;
    }

    @Override
    public Usage usage() {
        return first.usage();
    }

    @Override
    public boolean completed() {
        return first.completed();
    }
}
