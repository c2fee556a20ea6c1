package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildNameValidationTest {
    private static final List<String> TAKEN = List.of("tasks", "cgroup.procs", "web");

    @Test
    void eachBrokenRuleIsRefusedWithItsReason() {
        assertTrue(ChildName.check("", TAKEN).refusal().contains("Type a name"));
        assertTrue(ChildName.check("a/b", TAKEN).refusal().contains("\"/\""));
        assertTrue(ChildName.check(".", TAKEN).refusal().contains("always exists"));
        assertTrue(ChildName.check("..", TAKEN).refusal().contains("always exists"));
        assertTrue(ChildName.check("a\nb", TAKEN).refusal().contains("line break"));
        assertTrue(ChildName.check("a\0b", TAKEN).refusal().contains("NUL"));
        assertTrue(ChildName.check("x".repeat(256), TAKEN).refusal().contains("256 bytes"));
        assertTrue(ChildName.check("ü".repeat(128), TAKEN).refusal().contains("256 bytes"));
        assertTrue(ChildName.check("web", TAKEN).refusal().contains("already exists"));
        assertTrue(ChildName.check("tasks", TAKEN).refusal().contains("already exists"));
    }

    @Test
    void ordinaryNamesPass() {
        assertEquals(Check.ok(), ChildName.check("x".repeat(255), TAKEN));
        assertEquals(Check.ok(), ChildName.check("my job.1", TAKEN));
        assertEquals(Check.ok(), ChildName.check("...", TAKEN));
    }
}
