package io.cgscope.cli;

import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.RecorderRefusal;
import io.cgscope.kernel.ReleaseAgentRecorder;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.Targets;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReadBack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code agent install --root DIR}, {@code agent uninstall --root DIR}, {@code agent status
 * [--root DIR]...}: the release-agent recorder of a hierarchy ({@link ReleaseAgentRecorder}). DIR is any
 * directory of the hierarchy; its release agent lives in the root.
 */
final class AgentCommand {
    private AgentCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        return run(args, out, err, MountInfo.SELF);
    }

    /** With a mount table of the caller's: tests only, never reachable from the command line. */
    static int run(List<String> args, PrintStream out, PrintStream err, Path mountinfo) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("install, uninstall or status? (see --help)");
        }
        String action = args.get(0);
        List<Path> roots = roots(args.subList(1, args.size()));
        ReleaseAgentRecorder recorder = new ReleaseAgentRecorder(RecorderFiles.configured());
        return switch (action) {
            case "install", "uninstall" -> change(action, one(action, roots, mountinfo), recorder, out, err);
            case "status" -> status(targets(roots, mountinfo), recorder, out);
            default -> throw new UsageException("unknown action " + action + ": install, uninstall or status");
        };
    }

    private static int change(String action, Hierarchy h, ReleaseAgentRecorder recorder, PrintStream out, PrintStream err) {
        String prefix = "cgscope agent " + action + ": ";
        Privileges p = Privileges.current();
        if (p.euid() != 0) {
            err.println(prefix + "needs root: the recorder is written where only root may write, and release_agent needs"
                    + " CAP_SYS_ADMIN in the initial user namespace");
            return Cli.EXIT_USAGE;
        }
        try {
            CgroupWriter writer = new CgroupWriter(h);
            ReadBack back;
            if (action.equals("install")) {
                String before = recorder.status(writer.reader()).releaseAgent();
                back = recorder.install(writer);
                out.println(EscapedText.of(h.label()) + ": recorder installed: release_agent is " + EscapedText.of(back.kernelHas())
                        + " (read back); it logs to " + recorder.files().log() + " and then runs "
                        + (before.isEmpty() ? "no agent (there was none)" : EscapedText.of(before)));
            } else {
                back = recorder.uninstall(writer);
                out.println(EscapedText.of(h.label()) + ": recorder removed: release_agent is "
                        + (back.kernelHas().isEmpty() ? "empty" : EscapedText.of(back.kernelHas())) + " again (read back)");
            }
            return Cli.EXIT_OK;
        } catch (RecorderRefusal e) {
            err.println(prefix + e.getMessage());
            return Cli.EXIT_USAGE;
        } catch (CgroupWriteException e) {
            err.println(prefix + EscapedText.of(h.title()) + ": " + e.getMessage());
            return e.errno() == Errno.EPERM || e.errno() == Errno.EACCES ? Cli.EXIT_USAGE : Cli.EXIT_FAILURE;
        } catch (IOException e) {
            err.println(prefix + EscapedText.of(h.title()) + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
    }

    private static int status(List<Target> targets, ReleaseAgentRecorder recorder, PrintStream out) {
        for (Target t : targets) {
            Hierarchy h = t.hierarchy();
            CgroupWriter writer = new CgroupWriter(h);
            String why = writer.whyNoReleaseAgent();
            out.println(EscapedText.of(h.label()) + ": "
                    + (why != null ? why : recorder.status(writer.reader()).describe()));
        }
        return Cli.EXIT_OK;
    }

    private static Hierarchy one(String action, List<Path> roots, Path mountinfo) throws UsageException {
        if (roots.size() != 1) {
            throw new UsageException(action + " takes one --root DIR, the hierarchy whose release agent is recorded");
        }
        return targets(roots, mountinfo).get(0).hierarchy();
    }

    private static List<Target> targets(List<Path> roots, Path mountinfo) throws UsageException {
        try {
            return Targets.resolve(roots, mountinfo);
        } catch (NotACgroupException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read the mount table: " + e.getMessage());
        }
    }

    private static List<Path> roots(List<String> args) throws UsageException {
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("--root")) {
                throw new UsageException("unknown argument " + args.get(i) + " (see --help)");
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("--root needs a value");
            }
            roots.add(Path.of(args.get(++i)));
        }
        return roots;
    }
}
