package io.cgscope.live;

import io.cgscope.kernel.PathBytes;

import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchEvent.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * WatchService events whose context is the entry's name as the model keeps it (a String,
 * {@link io.cgscope.model.NameBytes}), not the JDK's Path: that Path's String is decoded with the
 * locale's charset and loses every byte it cannot decode, so a cgroup named with one would be
 * looked for under a name it does not have.
 */
final class ExactNames {
    private ExactNames() {
    }

    static List<WatchEvent<?>> of(List<WatchEvent<?>> events) {
        List<WatchEvent<?>> out = new ArrayList<>(events.size());
        for (WatchEvent<?> e : events) {
            out.add(e.context() instanceof Path p ? new Named(anyKind(e.kind()), e.count(), PathBytes.name(p)) : e);
        }
        return out;
    }

    /** An event with its entry's exact name; {@code toString()} of the context is that name. */
    private record Named(Kind<Object> kind, int count, String context) implements WatchEvent<Object> {
    }

    @SuppressWarnings("unchecked")
    private static Kind<Object> anyKind(Kind<?> kind) {
        return (Kind<Object>) kind;
    }
}
