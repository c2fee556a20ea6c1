package io.cgscope.kernel;

import io.cgscope.model.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The warning names who else can change the agent the kernel will run as root: its group, or everyone. */
class ReleaseAgentWritableByOthersTest {
    @TempDir
    Path dir;

    @Test
    void aGroupWritableAgentIsCalledGroupWritable() throws IOException {
        Path agent = agent("rwxrwxr-x");
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(agent, "unix:uid")), "the sentence starts so for root's file");
        Check c = ReleaseAgentCheck.check(agent.toString());

        assertTrue(c.needsConfirmation(), c.toString());
        assertTrue(c.warning().startsWith(agent + " is group-writable. "), c.warning());
        assertFalse(c.warning().contains("world-writable"), c.warning());
    }

    @Test
    void anAgentEveryoneCanWriteIsCalledWorldWritable() throws IOException {
        Check c = ReleaseAgentCheck.check(agent("rwxr-xrwx").toString());

        assertTrue(c.needsConfirmation(), c.toString());
        assertTrue(c.warning().contains("world-writable"), c.warning());
    }

    private Path agent(String permissions) throws IOException {
        Path agent = Files.writeString(dir.resolve("agent.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString(permissions));
        return agent;
    }
}
