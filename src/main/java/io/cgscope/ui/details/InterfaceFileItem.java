package io.cgscope.ui.details;

import org.controlsfx.control.PropertySheet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final Path file;
    private final String name;
    private String value;

    InterfaceFileItem(Path file) {
        this.file = file;
        this.name = file.getFileName().toString();
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
        return file.toString();
    }

    @Override
    public Object getValue() {
        if (value == null) {
            value = read();
        }
        return value;
    }

    private String read() {
        if (!Files.isReadable(file)) {
            return Files.exists(file) ? "(write-only)" : "(gone)";
        }
        try {
            byte[] b = Files.readAllBytes(file);
            String s = new String(b, 0, Math.min(b.length, MAX_CHARS), StandardCharsets.UTF_8).strip();
            return s.replace("\n", " · ");
        } catch (IOException e) {
            return Files.exists(file) ? "(unreadable: " + e.getClass().getSimpleName() + ")" : "(gone)";
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
