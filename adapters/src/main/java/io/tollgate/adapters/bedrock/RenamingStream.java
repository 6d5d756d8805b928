package io.tollgate.adapters.bedrock;

import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;

/**
 * The state both event renamers of this package share: the usage read so far and whether the stream's last event
 * passed. They add no closing events of their own. Not thread-safe.
 */
abstract class RenamingStream implements StreamTranslator {

    /** The usage read so far. */
    protected Usage usage = Usage.ZERO;
    /** True once the stream's last event passed. */
    protected boolean completed;

    @Override
    public final List<SseEvent> onEnd() {
        return List.of();
    }

    @Override
    public final Usage usage() {
        return usage;
    }

    @Override
    public final boolean completed() {
        return completed;
    }
}
