package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.ThreadedProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A task's cgroups as its /proc file gives them, matched to the hierarchies cgscope shows. */
class TaskCgroupsTest {
    private static final Hierarchy CPU = hierarchy(CgroupVersion.V1, List.of("cpu", "cpuacct"), null);
    private static final Hierarchy NAMED = hierarchy(CgroupVersion.V1, List.of(), "work");
    private static final Hierarchy V2 = hierarchy(CgroupVersion.V2, List.of(), null);

    private static Hierarchy hierarchy(CgroupVersion v, List<String> controllers, String name) {
        return new Hierarchy("0:" + controllers.size() + name, v, controllers, name, java.nio.file.Path.of("/x"), "/",
                List.of(), null, false, false);
    }

    @Test
    void eachLineNamesItsHierarchyByControllersAndName() {
        List<TaskCgroups.Line> lines = TaskCgroups.parse(bytes(
                "4:cpuacct,cpu:/a/b\n12:name=work:/jobs/1\n0::/user.slice\nbroken\n3:memory\n"));

        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).names(CPU), "controllers in another order");
        assertFalse(lines.get(0).names(NAMED));
        assertEquals("/a/b", lines.get(0).path());
        assertTrue(lines.get(1).names(NAMED));
        assertFalse(lines.get(1).names(V2));
        assertTrue(lines.get(2).names(V2));
        assertFalse(lines.get(2).names(CPU));
    }

    @Test
    void aPathIsTheBytesOfItsNames() {
        byte[] file = {'1', ':', 'n', 'a', 'm', 'e', '=', 'w', 'o', 'r', 'k', ':', '/', 'a', ' ', (byte) 0xff};

        assertEquals(io.cgscope.model.NameBytes.decode(new byte[] {'/', 'a', ' ', (byte) 0xff}),
                TaskCgroups.parse(file).get(0).path());
    }

    @Test
    void aThreadMovedAloneIsFoundWhereItIs() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/p");
            h.mkdir("/t");
            ThreadedProcess process = h.startThreadedIn("/p");
            int tid = process.startThread();
            h.moveThreadInto(tid, "/t");
            List<Hierarchy> shown = List.of(h.hierarchy());

            assertEquals(Map.of(h.hierarchy(), "/p"), TaskCgroups.of(process.pid(), process.pid(), shown));
            assertEquals(Map.of(h.hierarchy(), "/t"), TaskCgroups.of(process.pid(), tid, shown));
            assertEquals(Map.of(), TaskCgroups.of(process.pid(), 999_999_999, shown), "no such task");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
