package io.cgscope.ui.window;

import java.util.List;
import java.util.Locale;

/**
 * Light or dark: the base style sheet uses looked-up colours only, each theme sheet defines them.
 */
public enum Theme {
    LIGHT("theme-light.css"), DARK("theme-dark.css");

    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    public static Theme parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "light" -> LIGHT;
            case "dark" -> DARK;
            default -> throw new IllegalArgumentException("--theme is light or dark, not " + s);
        };
    }

    /** The style sheets to put on the scene, base first. */
    public List<String> stylesheets() {
        return List.of(url("cgscope.css"), url(sheet));
    }

    private static String url(String name) {
        return Theme.class.getResource("/io/cgscope/ui/" + name).toExternalForm();
    }
}
