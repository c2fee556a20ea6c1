package io.cgscope.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The prediction ({@code released}) checked against the observation ({@code agent-called}): each
 * waits up to {@link #WINDOW} for the other of the same cgroup, in either order, since the poller
 * may see a release after the kernel called the agent. What finds no partner in time is flagged:
 * a prediction the kernel did not confirm, or a call nobody predicted (a task that joined and left
 * between two polls). Predictions are checked only in hierarchies whose recorder has been heard
 * from (a call seen): without the recorder, no call would ever confirm them.
 */
public final class ReleaseAgreement {
    /** How long a prediction waits for its call, and a call for its prediction. */
    public static final Duration WINDOW = Duration.ofSeconds(3);

    /** Something that found no partner within the window. */
    public record Flag(Kind kind, Hierarchy hierarchy, String path, Instant seen) {
        public enum Kind {
            /** {@code released} with no call of the agent. */
            UNCONFIRMED,
            /** A call of the agent with no {@code released}. */
            UNPREDICTED
        }
    }

    private record Key(String device, String path) {
    }

    private record Pending(Hierarchy hierarchy, String path, Instant seen) {
    }

    private final Map<Key, Deque<Pending>> predictions = new HashMap<>();
    private final Map<Key, Deque<Pending>> waitingCalls = new HashMap<>();
    private final Set<String> recorded = new HashSet<>();
    private long calls;
    private long predicted;
    private long confirmed;
    private long unconfirmed;
    private long unpredicted;

    /** Takes {@code released} and {@code agent-called} changes seen at {@code now}; others are ignored. */
    public void add(Change c, Instant now) {
        Key key = new Key(c.hierarchy().device(), c.path());
        if (c.kind() == ChangeKind.AGENT_CALLED) {
            recorded.add(c.hierarchy().device());
            calls++;
            match(key, predictions, waitingCalls, new Pending(c.hierarchy(), c.path(), now));
        } else if (c.kind() == ChangeKind.RELEASED) {
            predicted++;
            match(key, waitingCalls, predictions, new Pending(c.hierarchy(), c.path(), now));
        }
    }

    private void match(Key key, Map<Key, Deque<Pending>> partners, Map<Key, Deque<Pending>> own, Pending p) {
        Deque<Pending> waiting = partners.get(key);
        if (waiting != null && !waiting.isEmpty()) {
            waiting.poll();
            if (waiting.isEmpty()) {
                partners.remove(key);
            }
            confirmed++;
        } else {
            own.computeIfAbsent(key, k -> new ArrayDeque<>()).add(p);
        }
    }

    /** Flags, and forgets, what waited longer than the window at {@code now}. */
    public List<Flag> expire(Instant now) {
        List<Flag> flags = new ArrayList<>();
        Instant limit = now.minus(WINDOW);
        expire(predictions, limit, p -> {
            if (recorded.contains(p.hierarchy().device())) {
                unconfirmed++;
                flags.add(new Flag(Flag.Kind.UNCONFIRMED, p.hierarchy(), p.path(), p.seen()));
            }
        });
        expire(waitingCalls, limit, p -> {
            unpredicted++;
            flags.add(new Flag(Flag.Kind.UNPREDICTED, p.hierarchy(), p.path(), p.seen()));
        });
        flags.sort((a, b) -> a.seen().compareTo(b.seen()));
        return flags;
    }

    private static void expire(Map<Key, Deque<Pending>> waiting, Instant limit, java.util.function.Consumer<Pending> flag) {
        Iterator<Deque<Pending>> it = waiting.values().iterator();
        while (it.hasNext()) {
            Deque<Pending> q = it.next();
            while (!q.isEmpty() && !q.peek().seen().isAfter(limit)) {
                flag.accept(q.poll());
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Calls of the agent seen. */
    public long calls() {
        return calls;
    }

    /** Predictions ({@code released}) seen. */
    public long predicted() {
        return predicted;
    }

    /** Predictions the kernel's call confirmed. */
    public long confirmed() {
        return confirmed;
    }

    /** Predictions no call confirmed within the window (in hierarchies with a recorder heard from). */
    public long unconfirmed() {
        return unconfirmed;
    }

    /** Calls of the agent no prediction matched within the window. */
    public long unpredicted() {
        return unpredicted;
    }

    /** Whether any call of the agent was seen: until then there is nothing to compare. */
    public boolean heardFromARecorder() {
        return !recorded.isEmpty();
    }
}
