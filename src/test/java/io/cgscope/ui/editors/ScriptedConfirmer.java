package io.cgscope.ui.editors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers questions from a script and remembers what was asked; an unscripted question is a "no". */
final class ScriptedConfirmer implements Confirmer {
    private final Deque<Boolean> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();

    ScriptedConfirmer answer(boolean... next) {
        for (boolean b : next) {
            answers.add(b);
        }
        return this;
    }

    @Override
    public synchronized boolean confirm(String title, String message) {
        asked.add(title + "\n" + message);
        return !answers.isEmpty() && answers.poll();
    }

    synchronized List<String> asked() {
        return List.copyOf(asked);
    }
}
