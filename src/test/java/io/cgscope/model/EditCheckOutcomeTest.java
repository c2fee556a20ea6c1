package io.cgscope.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only a warning asks the user to confirm; a refusal is never confirmed into a write. */
class EditCheckOutcomeTest {
    @Test
    void onlyAWarningNeedsConfirmation() {
        assertFalse(Check.ok().needsConfirmation());
        assertFalse(Check.ok().refused());
        assertFalse(Check.refuse("no").needsConfirmation());
        assertTrue(Check.refuse("no").refused());
        assertTrue(Check.warn("the agent is writable by others").needsConfirmation());
        assertFalse(Check.warn("the agent is writable by others").refused());
    }
}
