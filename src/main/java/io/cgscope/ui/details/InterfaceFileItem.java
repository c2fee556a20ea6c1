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
 * controller (the part of the name before the first dot), its content as read off the FX thread
 * (see {@link #textOf}). A file that vanished or cannot be read says so instead of failing.
 */
final class InterfaceFileItem implements PropertySheet.Item {
    /** Long files (memory.stat, ...) are cut here; the tooltip and the file hold the rest. */
    static final int MAX_CHARS = 4_000;

    /** Reads the file's bytes from its host. */
    interface Content {
        byte[] read() throws IOException;
    }

    private final String name;
    private final String description;
    private final String value;

    /** @param value the file's text as {@link #textOf} made it */
    InterfaceFileItem(String name, String description, String value) {
        this.name = name;
        this.description = description;
        this.value = value;
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
        return value;
    }

    /**
     * The file's text as the sheet shows it: one line, cut at {@link #MAX_CHARS}; or why there is
     * none. It may block on the host: called on a background thread.
     */
    static String textOf(Content content) {
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
