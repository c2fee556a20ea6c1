package io.cgscope.host;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The watch mode's name, which scripts read from {@code watch --json}, does not follow the locale. */
class WatchModeLabelTest {
    @Test
    void theNamesAreTheSameUnderATurkishLocale() {
        Locale was = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertEquals("inotify", new WatchMode(WatchMode.Kind.INOTIFY, "why").label());
            assertEquals("polling", new WatchMode(WatchMode.Kind.POLLING, "why").label());
            assertEquals("stopped", new WatchMode(WatchMode.Kind.STOPPED, "why").label());
            assertEquals("inotify", WatchMode.Kind.INOTIFY.label());
        } finally {
            Locale.setDefault(was);
        }
    }
}
