package io.cgscope.kernel;

import io.cgscope.model.EscapedText;
import io.cgscope.model.NameBytes;
import io.cgscope.model.ProcessRow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads what the process table shows from {@code /proc/PID}: {@code comm}, {@code status} (Uid,
 * Threads) and {@code cmdline}. A process that exits mid-read is simply not there (empty), a
 * normal race. The proc root is a parameter so tests can hand it a directory of their own.
 */
public final class ProcReader {
    private final Path proc;
    private final UserNames userNames;

    public ProcReader(Path proc, Path passwd) {
        this.proc = proc;
        this.userNames = UserNames.read(passwd);
    }

    public static ProcReader system() {
        return new ProcReader(Path.of("/proc"), UserNames.PASSWD);
    }

    public Optional<ProcessRow> read(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            // comm and cmdline are whatever bytes the process set; status holds comm too. None
            // of them is decoded strictly: a name that is not UTF-8 is shown escaped, not dropped.
            String comm = EscapedText.of(NameBytes.decode(Files.readAllBytes(dir.resolve("comm"))).strip());
            int uid = -1;
            int threads = 0;
            String status = new String(Files.readAllBytes(dir.resolve("status")), StandardCharsets.ISO_8859_1);
            for (String line : status.split("\n")) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).trim());
                }
            }
            byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
            String user = uid < 0 ? "?" : userNames.nameOf(uid).orElse(Integer.toString(uid));
            return Optional.of(new ProcessRow(pid, comm, user, threads, commandLine(cmdline, comm)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // exited while being read
        }
    }

    /** NUL-separated arguments as one line, escaped; kernel threads have none and show [comm]. */
    static String commandLine(byte[] raw, String comm) {
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return "[" + comm + "]";
        }
        return EscapedText.of(NameBytes.decode(raw, 0, end).replace('\0', ' '));
    }
}
