package org.xsmtp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Missing peers skip tests, with a message naming the Debian package. */
class RequirementsTest {

    @Test
    void aMissingProgramAbortsTheTestNamingItsPackage() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Requirements.executable(Path.of("/nonexistent/smtp-sink"), "postfix"));
        assertEquals("Assumption failed: needs Debian package postfix (/nonexistent/smtp-sink); .ci/run installs it",
                e.getMessage());
    }
}
