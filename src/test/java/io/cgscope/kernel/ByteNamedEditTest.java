package io.cgscope.kernel;

import io.cgscope.model.NameBytes;
import io.cgscope.testkit.ByteNames;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A cgroup whose name is not UTF-8 is listed, and edited, by its exact bytes. */
class ByteNamedEditTest {
    @Test
    void aCgroupNamedWithAnyBytesIsListedWrittenAndRemoved() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        byte[] name = {'q', (byte) 0xe9, 'u', (byte) 0xff, (byte) 0x80};
        String path = "/" + NameBytes.decode(name);
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            ByteNames.mkdir(h.dir(), List.of(name));
            CgroupWriter writer = new CgroupWriter(h.hierarchy());
            assertEquals(List.of(path), writer.reader().read().root().children());

            assertTrue(writer.setNotifyOnRelease(path, true).files().notifyOnRelease());
            assertEquals(path + "/child", writer.createChild(path, "child").path());
            writer.remove(path + "/child");
            writer.remove(path);
            assertTrue(writer.reader().readFiles(path).isEmpty());
            assertTrue(writer.reader().read().root().children().isEmpty());
        }
    }
}
