package io.cgscope.ui.details;

import org.controlsfx.control.PropertySheet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import javafx.beans.value.ObservableValue;

/**
 * One interface file of the selected cgroup in the property sheet: read-only, grouped by its
 * controller (the part of the name before the first dot), its content read when the sheet first
 * asks for it. A file that vanished or cannot be read says so instead of failing.
 */
final class InterfaceFileItem implements PropertySheet.Item {
    /** Long files (memory.stat, ...) are cut here; the tooltip and the file hold the rest. */
    static final int MAX_CHARS = 4_000;

    /** Reads the file's bytes: through the cgroup's descriptor, whatever its name's bytes. */
    interface Content {
        byte[] read() throws IOException;
    }

    private final String name;
    private final String description;
    private final Content content;
    private String value;

    InterfaceFileItem(String name, String description, Content content) {
        this.name = name;
        this.description = description;
        this.content = content;
    }

    /** "memory" for memory.stat, "cgroup" for cgroup.procs and for the v1 core files without a dot. */
    static String controllerOf(String fileName) {
        int dot = fileName.indexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : "cgroup";
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public String getCategory() {
        return controllerOf(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        if (value == null) {
            value = read();
        }
        return value;
    }

    private String read() {
        try {
            byte[] b = content.read();
            String s = new String(b, 0, Math.min(b.length, MAX_CHARS), StandardCharsets.UTF_8).strip();
            return s.replace("\n", " · ");
        } catch (NoSuchFileException e) {
            return "(gone)";
        } catch (AccessDeniedException e) {
            return "(write-only)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void setValue(Object value) {
        // read-only: edits go through the edit panels, which check and read back
    }

    @Override
    public boolean isEditable() {
        return false;
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.empty();
    }
}
