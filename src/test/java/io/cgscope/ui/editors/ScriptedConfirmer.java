package io.cgscope.ui.editors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Answers questions from a script and remembers what was asked; an unscripted question is a "no".
 * What the user's world does while a question is open (a live update, a file changing) is
 * scripted too: it runs while the next question is being asked, before its answer.
 */
final class ScriptedConfirmer implements Confirmer {
    private final Deque<Boolean> answers = new ArrayDeque<>();
    private final Deque<Runnable> meanwhile = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();

    ScriptedConfirmer answer(boolean... next) {
        for (boolean b : next) {
            answers.add(b);
        }
        return this;
    }

    /** Runs {@code action} while the next question is open, on the thread that asks (the FX thread). */
    ScriptedConfirmer whileAsking(Runnable action) {
        meanwhile.add(action);
        return this;
    }

    @Override
    public synchronized boolean confirm(String title, String message) {
        asked.add(title + "\n" + message);
        Runnable action = meanwhile.poll();
        if (action != null) {
            action.run();
        }
        return !answers.isEmpty() && answers.poll();
    }

    synchronized List<String> asked() {
        return List.copyOf(asked);
    }
}
