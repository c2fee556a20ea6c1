package io.cgscope.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this process may write. Writing {@code release_agent} needs CAP_SYS_ADMIN in the initial
 * user namespace (Linux 5.17, the CVE-2022-0492 fix); the other files are guarded by their
 * permissions, which for the files of a hierarchy root means root.
 *
 * @param euid                   the effective user id
 * @param capSysAdmin            CAP_SYS_ADMIN is in the effective set
 * @param initialUserNamespace   this process lives in the initial user namespace
 */
public record Privileges(int euid, boolean capSysAdmin, boolean initialUserNamespace) {
    private static final int CAP_SYS_ADMIN = 21;

    public static Privileges current() {
        return of(Path.of("/proc/self"), Path.of("/proc/1"));
    }

    /** Reads {@code status} and {@code ns/user} of {@code self} and of {@code init}. */
    static Privileges of(Path self, Path init) {
        int euid = -1;
        boolean cap = false;
        try {
            for (String line : Files.readAllLines(self.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    euid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                } else if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    cap = (caps & (1L << CAP_SYS_ADMIN)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Privileges(-1, false, false);
        }
        return new Privileges(euid, cap, sameUserNamespace(self, init));
    }

    private static boolean sameUserNamespace(Path self, Path init) {
        try {
            return Files.readSymbolicLink(self.resolve("ns/user")).equals(Files.readSymbolicLink(init.resolve("ns/user")));
        } catch (IOException | UnsupportedOperationException e) {
            // PID 1's namespace links may be closed even to root (ptrace access rules): then tell
            // the initial namespace by its uid map, the identity of all 2^32 ids, which is how
            // systemd tells it too.
            return hasIdentityUidMap(self);
        }
    }

    private static boolean hasIdentityUidMap(Path self) {
        try {
            List<String> lines = Files.readAllLines(self.resolve("uid_map"));
            return lines.size() == 1 && List.of(lines.get(0).trim().split("\\s+")).equals(List.of("0", "0", "4294967295"));
        } catch (IOException e) {
            return false;
        }
    }

    /** May write {@code release_agent}: root with CAP_SYS_ADMIN in the initial user namespace. */
    public boolean canWriteReleaseAgent() {
        return euid == 0 && capSysAdmin && initialUserNamespace;
    }

    /** Why writing is not possible, in one sentence; null when it is. */
    public String whyReadOnly() {
        return whyReadOnly(UserNames.read(UserNames.PASSWD));
    }

    /** The same, naming the user as {@code users} does. */
    public String whyReadOnly(UserNames users) {
        if (euid != 0) {
            return "Read-only: cgscope runs as " + users.describe(euid)
                    + "; cgroup files belong to root, start it as root to edit.";
        }
        if (!capSysAdmin) {
            return "Read-only: the process lacks CAP_SYS_ADMIN, which writing release_agent needs.";
        }
        if (!initialUserNamespace) {
            return "Read-only: the process is not in the initial user namespace, where release_agent may be written.";
        }
        return null;
    }
}
