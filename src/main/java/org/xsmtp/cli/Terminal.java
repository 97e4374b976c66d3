package org.xsmtp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether standard error, where progress goes, is a terminal. Java 17's {@code System.console()} answers for
 * standard input and output instead, so {@code xsmtp ... 2>log} on a terminal, or a pipe into it, would get it
 * wrong. On Linux {@code /proc/self/fd/2} names the file behind standard error; elsewhere the console is the
 * best guess there is.
 */
final class Terminal {
    /** Standard error's entry in Linux's /proc. */
    static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** @return whether standard error is a terminal */
    static boolean stderrIsTerminal() {
        return isTerminal(STDERR_LINK, () -> System.console() != null);
    }

    /**
     * @param fdLink a /proc file descriptor link
     * @param fallback the answer when the link cannot be read (no /proc: not Linux)
     * @return whether the link points to a terminal device ({@code /dev/pts/*}, {@code /dev/tty*})
     */
    static boolean isTerminal(Path fdLink, BooleanSupplier fallback) {
        String target;
        try {
            target = Files.readSymbolicLink(fdLink).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback.getAsBoolean();
        }
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }
}
