package io.cgscope.kernel;

import io.cgscope.model.Check;
import io.cgscope.model.ReleaseAgentText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before a path is written to {@code release_agent}. The kernel runs the agent as
 * root with full capabilities in the initial namespaces whenever a cgroup is released, so an agent
 * that someone other than root could change is a way to root: that is asked about, not refused.
 */
public final class ReleaseAgentCheck {
    public static final int MAX_BYTES = ReleaseAgentText.MAX_BYTES;
    private static final int GROUP_WRITE = 0020;
    private static final int OTHER_WRITE = 0002;
    private static final String RISK = ". The kernel runs the release agent as root in the initial namespaces:"
            + " whoever can change or swap this file can run anything as root. Use it anyway?";

    private ReleaseAgentCheck() {
    }

    /** The rules on the text alone: {@link ReleaseAgentText#check}. */
    public static Check syntax(String agent) {
        return ReleaseAgentText.check(agent);
    }

    /**
     * The syntax, then the file itself: it exists, is a regular file, executable, and safe to run
     * as root: neither the file, nor a directory on the way to it, nor a symbolic link on the way
     * may be changed by anyone but root.
     */
    public static Check check(String agent) {
        Check syntax = syntax(agent);
        if (syntax.refused()) {
            return syntax;
        }
        Path file;
        try {
            file = Path.of(agent);
        } catch (InvalidPathException e) {
            return Check.refuse("Not a usable path: " + e.getReason() + ".");
        }
        if (!Files.exists(file)) {
            return Check.refuse(agent + " does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            return Check.refuse(agent + " is not a regular file.");
        }
        int mode;
        int owner;
        try {
            // the kernel follows symbolic links when it runs the agent: judge the file it will run
            mode = (Integer) Files.getAttribute(file, "unix:mode");
            owner = (Integer) Files.getAttribute(file, "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return Check.refuse("Cannot inspect " + agent + ": " + e.getMessage());
        }
        if ((mode & 0111) == 0 || !Files.isExecutable(file)) {
            return Check.refuse(agent + " is not executable: the kernel could not run it (chmod +x).");
        }
        List<String> risks = new ArrayList<>();
        if (owner != 0) {
            risks.add(agent + " is owned by uid " + owner + ", not root");
        }
        if ((mode & (GROUP_WRITE | OTHER_WRITE)) != 0) {
            risks.add(agent + " is " + ((mode & OTHER_WRITE) != 0 ? "world-writable" : "group-writable"));
        }
        risks.addAll(new SwappablePath(file).risks());
        if (!risks.isEmpty()) {
            String all = String.join("; ", risks);
            return Check.warn(Character.toUpperCase(all.charAt(0)) + all.substring(1) + RISK);
        }
        return Check.ok();
    }

    /**
     * The check again, right before the write, after any question: refused when the file is
     * refused now, or when it is at risk in a way the user was not asked about ({@code agreed}:
     * the warning the user agreed to, or null).
     */
    public static Check recheck(String agent, String agreed) {
        Check now = check(agent);
        if (now.refused()) {
            return now;
        }
        if (now.needsConfirmation() && !now.warning().equals(agreed)) {
            String risks = now.warning().substring(0, now.warning().length() - RISK.length());
            risks = Character.toLowerCase(risks.charAt(0)) + risks.substring(1);
            return Check.refuse("the release agent changed while you were asked: " + risks
                    + ". Apply again to decide.");
        }
        return Check.ok();
    }
}
