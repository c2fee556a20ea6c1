package io.cgscope.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivilegesTest {
    private static final String FULL_CAPS = "000001ffffffffff";

    @Test
    void rootWithCapSysAdminInTheInitialNamespaceMayWriteReleaseAgent(@TempDir Path tmp) throws IOException {
        Privileges p = Privileges.of(proc(tmp, "self", 0, FULL_CAPS, "user:[4026531837]"),
                proc(tmp, "init", 0, FULL_CAPS, "user:[4026531837]"));

        assertTrue(p.canWriteReleaseAgent());
        assertNull(p.whyReadOnly());
    }

    @Test
    void anOrdinaryUserIsToldWhyTheWindowIsReadOnly(@TempDir Path tmp) throws IOException {
        Privileges p = Privileges.of(proc(tmp, "self", 1000, "0000000000000000", "user:[4026531837]"),
                proc(tmp, "init", 0, FULL_CAPS, "user:[4026531837]"));

        assertFalse(p.canWriteReleaseAgent());
        assertEquals(1000, p.euid());
        assertTrue(p.whyReadOnly().contains("as root"), p.whyReadOnly());
    }

    @Test
    void theUserIsNamedAsThePasswdFileNamesThem(@TempDir Path tmp) throws IOException {
        Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1001:1001::/home/alice:/bin/sh\n");
        UserNames users = UserNames.read(passwd);

        assertTrue(new Privileges(1001, false, true).whyReadOnly(users).startsWith("Read-only: cgscope runs as alice (uid 1001);"),
                new Privileges(1001, false, true).whyReadOnly(users));
        assertTrue(new Privileges(4242, false, true).whyReadOnly(users).startsWith("Read-only: cgscope runs as uid 4242;"),
                "a user the file does not name is shown by number");
        assertEquals("uid 7", UserNames.read(tmp.resolve("none")).describe(7), "no passwd file: numbers");
    }

    @Test
    void rootOfAContainerUserNamespaceMayNotWriteReleaseAgent(@TempDir Path tmp) throws IOException {
        Privileges p = Privileges.of(proc(tmp, "self", 0, FULL_CAPS, "user:[4026532001]"),
                proc(tmp, "init", 0, FULL_CAPS, "user:[4026531837]"));

        assertFalse(p.canWriteReleaseAgent());
        assertTrue(p.whyReadOnly().contains("initial user namespace"), p.whyReadOnly());
    }

    @Test
    void whenPid1sNamespaceIsClosedTheIdentityUidMapTellsTheInitialNamespace(@TempDir Path tmp) throws IOException {
        Path self = proc(tmp, "self", 0, FULL_CAPS, "user:[4026531837]");
        Path closedInit = tmp.resolve("closed-init");
        Files.writeString(self.resolve("uid_map"), "         0          0 4294967295\n");
        assertTrue(Privileges.of(self, closedInit).canWriteReleaseAgent());

        Files.writeString(self.resolve("uid_map"), "         0     100000      65536\n");
        assertFalse(Privileges.of(self, closedInit).canWriteReleaseAgent());
    }

    @Test
    void thisProcessAsRootHereMayWriteReleaseAgent() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "not root");
        // The writer tests prove root here may write release_agent; the privilege check must agree.
        assertTrue(Privileges.current().canWriteReleaseAgent(), String.valueOf(Privileges.current()));
    }

    @Test
    void rootWithoutCapSysAdminMayNotWriteReleaseAgent(@TempDir Path tmp) throws IOException {
        // CapEff with every bit but 21 (CAP_SYS_ADMIN).
        Privileges p = Privileges.of(proc(tmp, "self", 0, "000001ffffdfffff", "user:[1]"), proc(tmp, "init", 0, FULL_CAPS, "user:[1]"));

        assertFalse(p.canWriteReleaseAgent());
        assertTrue(p.whyReadOnly().contains("CAP_SYS_ADMIN"), p.whyReadOnly());
    }

    private static Path proc(Path tmp, String name, int euid, String capEff, String userNs) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("ns"));
        Files.createSymbolicLink(dir.resolve("user"), Path.of(userNs));
        Files.writeString(dir.getParent().resolve("status"), "Name:\tx\nUid:\t" + euid + "\t" + euid + "\t" + euid
                + "\t" + euid + "\nCapEff:\t" + capEff + "\n");
        return dir.getParent();
    }
}
