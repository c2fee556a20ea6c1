package io.cgscope.testkit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child that never ends fails the test at the deadline, by name, and is killed. */
class CommandsTest {
    @Test
    void aChildPastItsDeadlineFailsNamingItAndIsKilled() {
        long started = System.nanoTime();
        ProcessBuilder hangs = new ProcessBuilder("sh", "-c", "echo started; echo $$ > /dev/stderr; exec sleep 600")
                .redirectErrorStream(true);

        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Commands.run(hangs, Duration.ofSeconds(2)));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(60)) < 0, "failed at the deadline");
        assertTrue(e.getMessage().contains("exec sleep 600 did not end within PT2S"), e.getMessage());
        assertTrue(e.getMessage().contains("started"), "what it printed: " + e.getMessage());
        long pid = Long.parseLong(e.getMessage().lines().filter(l -> l.matches("\\d+")).findFirst().orElseThrow());
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        assertFalse(child.isPresent() && child.get().isAlive(), "the child was killed");
    }

    @Test
    void aChildThatEndsGivesItsExitCodeAndOutput() throws Exception {
        Commands.Finished f = Commands.run(new ProcessBuilder("sh", "-c", "echo out; exit 3"), Duration.ofSeconds(30));

        assertEquals(3, f.exitCode());
        assertEquals("out\n", f.output());
    }
}
