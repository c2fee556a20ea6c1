package io.cgscope.model;

/**
 * The release-agent recorder of one hierarchy as it stands: whether the kernel calls it, what it
 * hands over to, how many calls it logged, and whether it can log at all.
 *
 * @param installed    release_agent names this hierarchy's recorder
 * @param releaseAgent release_agent as the kernel has it ("" for none)
 * @param chainsTo     the agent the recorder runs after logging ("" for none); null when no recorder was written
 * @param calls        records of this hierarchy in the log (and its rotated part)
 * @param logProblem   why the recorder cannot log now (the directory is missing, read-only), or null
 */
public record RecorderStatus(boolean installed, String releaseAgent, String chainsTo, long calls, String logProblem) {
    /** One line for people: "recorder installed, chains to /x, 12 calls logged". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (installed) {
            s.append("recorder installed, chains to ").append(chainsTo.isEmpty() ? "no agent" : EscapedText.of(chainsTo));
        } else {
            s.append("recorder not installed (release_agent ")
                    .append(releaseAgent.isEmpty() ? "empty" : EscapedText.of(releaseAgent)).append(')');
            if (chainsTo != null) {
                s.append(", a recorder left that chains to ").append(chainsTo.isEmpty() ? "no agent" : EscapedText.of(chainsTo));
            }
        }
        s.append(", ").append(calls).append(calls == 1 ? " call logged" : " calls logged");
        if (logProblem != null) {
            s.append(", log missing: ").append(logProblem);
        }
        return s.toString();
    }
}
