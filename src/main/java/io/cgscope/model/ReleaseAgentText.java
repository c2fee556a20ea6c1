package io.cgscope.model;

import java.nio.charset.StandardCharsets;

/**
 * The rules on the text of a release agent path, before anything is written: every host that
 * offers the release agent panel (the kernel of this machine, the simulated kernel) refuses the
 * same text with the same sentence.
 */
public final class ReleaseAgentText {
    /** PATH_MAX - 1: the kernel answers E2BIG beyond it. */
    public static final int MAX_BYTES = 4095;

    private ReleaseAgentText() {
    }

    /** Absolute, not too long, one line, nothing the kernel would strip. */
    public static Check check(String agent) {
        if (agent == null || agent.isEmpty()) {
            return Check.refuse("Type the absolute path of the release agent, or use Clear to remove it.");
        }
        if (agent.indexOf('\n') >= 0 || agent.indexOf('\r') >= 0) {
            return Check.refuse("The release agent path cannot contain a line break.");
        }
        if (agent.indexOf('\0') >= 0) {
            return Check.refuse("The release agent path cannot contain a NUL character.");
        }
        int bytes = agent.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Check.refuse("The path is " + bytes + " bytes long; the kernel takes at most 4,095 bytes.");
        }
        if (!agent.strip().equals(agent)) {
            return Check.refuse("The path starts or ends with white space, which the kernel would strip; remove it.");
        }
        if (!agent.startsWith("/")) {
            return Check.refuse("The release agent must be an absolute path (starting with \"/\"): the kernel runs it with no working directory of yours.");
        }
        return Check.ok();
    }
}
