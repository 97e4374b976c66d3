package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress is shown when standard error (not standard input or output) is a terminal. */
class TerminalTest {
    @TempDir
    Path dir;

    private Path link(String target) throws IOException {
        return Files.createSymbolicLink(dir.resolve("2"), Path.of(target));
    }

    @Test
    void aPseudoTerminalOrTtyIsATerminalWhateverTheConsoleSays() throws IOException {
        assertTrue(Terminal.isTerminal(link("/dev/pts/3"), () -> false));
        Files.delete(dir.resolve("2"));
        assertTrue(Terminal.isTerminal(link("/dev/tty1"), () -> false));
    }

    @Test
    void aPipeOrFileIsNotATerminalEvenWithAConsole() throws IOException {
        for (String target : new String[] {"pipe:[123456]", "/tmp/xsmtp.log", "/dev/null", "socket:[42]"}) {
            Files.deleteIfExists(dir.resolve("2"));
            assertFalse(Terminal.isTerminal(link(target), () -> true), target);
        }
    }

    @Test
    void withoutProcTheConsoleDecides() {
        Path missing = dir.resolve("no-proc/self/fd/2");
        assertTrue(Terminal.isTerminal(missing, () -> true));
        assertFalse(Terminal.isTerminal(missing, () -> false));
    }
}
