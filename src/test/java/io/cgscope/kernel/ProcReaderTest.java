package io.cgscope.kernel;

import io.cgscope.model.ProcessRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process table's reader against a /proc of the test's own, and against this very process. */
class ProcReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsCommandUserThreadsAndCommandLine() throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc/4242"));
        Files.writeString(proc.resolve("comm"), "nginx\n");
        Files.writeString(proc.resolve("status"), "Name:\tnginx\nUid:\t33\t33\t33\t33\nThreads:\t4\n");
        Files.write(proc.resolve("cmdline"), "nginx: worker\0-g\0daemon off;\0".getBytes());
        Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n");
        ProcessRow row = new ProcReader(tmp.resolve("proc"), passwd).read(4242).orElseThrow();
        assertEquals(new ProcessRow(4242, "nginx", "www-data", 4, "nginx: worker -g daemon off;"), row);
    }

    @Test
    void aVanishedProcessIsSkippedAndAKernelThreadShowsItsName() throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc/2"));
        Files.writeString(proc.resolve("comm"), "kthreadd\n");
        Files.writeString(proc.resolve("status"), "Uid:\t0\t0\t0\t0\nThreads:\t1\n");
        Files.write(proc.resolve("cmdline"), new byte[0]);
        ProcReader reader = new ProcReader(tmp.resolve("proc"), tmp.resolve("no-passwd"));
        assertEquals(Optional.empty(), reader.read(99999));
        ProcessRow k = reader.read(2).orElseThrow();
        assertEquals("[kthreadd]", k.commandLine());
        assertEquals("0", k.user(), "no passwd: the uid");
    }

    @Test
    void aProcessWhoseNameIsNotUtf8StaysInTheTableWithItsNameEscaped() throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc/77"));
        byte[] comm = {'w', 'o', 'r', 'k', (byte) 0xff, 0x1b, '\n'};
        Files.write(proc.resolve("comm"), comm);
        byte[] status = new byte[] {'N', 'a', 'm', 'e', ':', '\t', 'w', 'o', 'r', 'k', (byte) 0xff, 0x1b, '\n'};
        Files.write(proc.resolve("status"), concat(status, "Uid:\t0\t0\t0\t0\nThreads:\t2\n".getBytes()));
        Files.write(proc.resolve("cmdline"), new byte[] {'/', 'w', (byte) 0xfe, 0, '-', 'x', 0});
        ProcessRow row = new ProcReader(tmp.resolve("proc"), tmp.resolve("no-passwd")).read(77).orElseThrow();
        assertEquals(new ProcessRow(77, "work\\xff\\x1b", "0", 2, "/w\\xfe -x"), row);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void readsThisProcessFromTheRealProc() {
        ProcessRow me = ProcReader.system().read((int) ProcessHandle.current().pid()).orElseThrow();
        assertTrue(me.threads() > 1, "a JVM has several threads");
        assertTrue(me.commandLine().contains("java") || me.command().contains("java"), me.toString());
    }
}
