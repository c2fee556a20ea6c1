package io.cgscope.ui.editors;

/** Asks the user to agree before a risky write. Called on the FX thread; blocks until answered. */
@FunctionalInterface
public interface Confirmer {
    /** True when the user agreed. */
    boolean confirm(String title, String message);
}
