package io.cgscope.model;

import java.util.Locale;

/**
 * The release rules a simulated kernel follows, chosen when it starts: the simulator runs them and
 * the scenario language names them, so they are the model's.
 */
public enum ReleaseRules {
    /**
     * Today's kernel: checked when a cgroup loses its last task or, at an rmdir, on the parent;
     * released when notify_on_release is 1, nothing is populated below, no child, not the root.
     */
    TODAY("today", "today's rules"),
    /**
     * The 2007 commit that brought release notification: the {@code CONT_RELEASABLE} bit, set by
     * an exit, a move out and a child's rmdir, cleared only by a write to notify_on_release.
     */
    Y2007("2007", "the 2007 rules");

    private final String word;
    private final String described;

    ReleaseRules(String word, String described) {
        this.word = word;
        this.described = described;
    }

    /** "today" or "2007", as the command line takes it. */
    public String word() {
        return word;
    }

    /** "today's rules", "the 2007 rules". */
    public String described() {
        return described;
    }

    /** The rules named {@code word} exactly, as a scenario's {@code rules} line writes them, or null. */
    public static ReleaseRules of(String word) {
        for (ReleaseRules r : values()) {
            if (r.word.equals(word)) {
                return r;
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException with the words allowed, for anything else */
    public static ReleaseRules parse(String text) {
        for (ReleaseRules r : values()) {
            if (r.word.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("the simulated kernel's rules are \"today\" or \"2007\", not \"" + text + "\"");
    }
}
