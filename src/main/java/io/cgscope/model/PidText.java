package io.cgscope.model;

/** A pid as a person types it: a positive whole number, what every host checks first. */
public final class PidText {
    private PidText() {
    }

    /** Refuses what is no pid; whether the process exists is the host's question. */
    public static Check check(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Check.refuse("Type the pid of the process to move.");
        }
        if (!t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Check.refuse("\"" + t + "\" is not a pid: a pid is a positive whole number.");
        }
        int pid;
        try {
            pid = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return Check.refuse(t + " is larger than any pid.");
        }
        if (pid <= 0) {
            return Check.refuse("A pid is a positive number; 0 would mean the writer itself.");
        }
        return Check.ok();
    }

    /** The pid as a number; call only after {@link #check} did not refuse it. */
    public static int parse(String text) {
        return Integer.parseInt(text.strip());
    }
}
