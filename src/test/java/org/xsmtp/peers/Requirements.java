package org.xsmtp.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JUnit assumptions for what a peer needs from the machine. A test whose peer is missing
 * is skipped with a message naming the Debian package, never silently passed.
 */
public final class Requirements {

    /** Debian's interpreter, the one python3-aiosmtpd installs into. */
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private Requirements() {
    }

    /** Skips the test unless {@code program} is an executable file from {@code debianPackage}. */
    public static void executable(Path program, String debianPackage) {
        assumeTrue(Files.isExecutable(program), () -> missing(debianPackage, program.toString()));
    }

    /** Skips the test unless Debian's python3 can import aiosmtpd. */
    public static void aiosmtpd() {
        executable(DEBIAN_PYTHON, "python3");
        assumeTrue(AiosmtpdProbe.INSTALLED,
                () -> missing("python3-aiosmtpd", "python module aiosmtpd for " + DEBIAN_PYTHON));
    }

    /** Skips the test unless the JVM runs as root; {@code why} says what needs it. */
    public static void root(String why) {
        assumeTrue(isRoot(), () -> why + " needs root; this JVM runs as uid " + uid());
    }

    /** Tells whether this process runs as uid 0. */
    public static boolean isRoot() {
        return uid() == 0;
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static String missing(String debianPackage, String what) {
        return "needs Debian package " + debianPackage + " (" + what + "); .ci/run installs it";
    }

    /** Runs the import probe once per JVM (class initialisation is the lock). */
    private static final class AiosmtpdProbe {
        static final boolean INSTALLED = Files.isExecutable(DEBIAN_PYTHON)
                && Commands.succeeds(DEBIAN_PYTHON.toString(), "-c", "import aiosmtpd.lmtp, aiosmtpd.smtp");
    }
}
