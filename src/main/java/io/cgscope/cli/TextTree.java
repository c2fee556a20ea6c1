package io.cgscope.cli;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One tree per hierarchy in the manner of systemd-cgls: box-drawing branches, then per cgroup its
 * task count and its flags. Names are escaped ({@link EscapedText}): a name is not the terminal's
 * to interpret.
 * <pre>
 * name=demo (v1) /mnt/demo  release_agent=/usr/local/sbin/agent
 * /  0 tasks
 * ├─a  2 tasks  notify_on_release
 * └─idle  0 tasks  notify_on_release  RELEASABLE
 * </pre>
 */
final class TextTree {
    private TextTree() {
    }

    static void print(Snapshot s, String releaseAgent, PrintStream out) {
        Hierarchy h = s.hierarchy();
        StringBuilder head = new StringBuilder(EscapedText.of(h.label()));
        if (h.hasReleaseAgent()) {
            head.append("  release_agent=").append(releaseAgent == null ? "(none)" : EscapedText.of(releaseAgent));
        }
        if (h.releaseAgentOption() != null) {
            head.append("  (mountinfo lists release_agent=").append(EscapedText.of(h.releaseAgentOption())).append(')');
        }
        out.println(head);
        StringBuilder line = new StringBuilder(128);
        // prefixes.get(d) is what stands before a cgroup at depth d+1: "│ " or "  ".
        List<String> prefixes = new ArrayList<>();
        printNode(s, s.root(), 0, true, prefixes, line, out);
        out.println();
    }

    private static void printNode(Snapshot s, Cgroup root, int unused, boolean rootLast, List<String> prefixes,
                                  StringBuilder line, PrintStream out) {
        // Iterative: deep trees must not overflow the stack.
        record Frame(Cgroup cgroup, int depth, boolean last) {
        }
        java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
        stack.push(new Frame(root, 0, rootLast));
        CgroupVersion version = s.hierarchy().version();
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            line.setLength(0);
            if (f.depth == 0) {
                line.append(EscapedText.of(f.cgroup.path()));
            } else {
                while (prefixes.size() > f.depth - 1) {
                    prefixes.remove(prefixes.size() - 1);
                }
                for (String p : prefixes) {
                    line.append(p);
                }
                line.append(f.last ? "└─" : "├─").append(EscapedText.of(f.cgroup.name()));
                prefixes.add(f.last ? "  " : "│ ");
            }
            describe(f.cgroup, version, line);
            out.println(line);
            List<String> children = f.cgroup.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Frame(s.get(children.get(i)), f.depth + 1, i == children.size() - 1));
            }
        }
    }

    private static void describe(Cgroup c, CgroupVersion version, StringBuilder line) {
        int tasks = c.taskCount();
        line.append("  ").append(tasks < 0 ? "? tasks" : tasks == 1 ? "1 task" : tasks + " tasks");
        if (Boolean.TRUE.equals(c.notifyOnRelease())) {
            line.append("  notify_on_release");
        }
        if (c.releasable()) {
            line.append("  RELEASABLE");
        }
        if (version == CgroupVersion.V2 && !c.isRoot() && !c.populated()) {
            line.append("  empty");
        }
        if (Boolean.TRUE.equals(c.frozen())) {
            line.append("  frozen");
        }
    }
}
