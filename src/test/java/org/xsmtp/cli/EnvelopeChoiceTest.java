package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each envelope recipient once, as Postfix does. */
class EnvelopeChoiceTest {
    @Test
    void duplicatesGoIgnoringCaseAndDisplayNamesTheFirstStaysInPlace() {
        assertEquals(List.of("bob@y.test", "Carol <carol@y.test>", "dave@y.test"),
                EnvelopeChoice.withoutDuplicates(List.of("bob@y.test", "Carol <carol@y.test>", "BOB@Y.test",
                        "dave@y.test", "carol@Y.TEST", "Bob <bob@y.test>")));
    }
}
