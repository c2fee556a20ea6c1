package io.cgscope.sim;

import java.util.Locale;

/** The release rules the simulated kernel follows, chosen when it starts. */
public enum Rules {
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

    Rules(String word, String described) {
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

    /** @throws IllegalArgumentException with the words allowed, for anything else */
    public static Rules parse(String text) {
        for (Rules r : values()) {
            if (r.word.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("the simulated kernel's rules are \"today\" or \"2007\", not \"" + text + "\"");
    }
}
