package org.xsmtp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the message input, reporting a missing or unreadable file as {@link ExitCode#NOINPUT}. */
final class MessageFile {
    private MessageFile() {
    }

    /**
     * @param file the file, or null for standard input
     * @param stdin standard input
     * @return the message stream
     * @throws CliFailure with {@link ExitCode#NOINPUT} when the file cannot be opened
     */
    static InputStream open(Path file, InputStream stdin) throws CliFailure {
        if (file == null) {
            return stdin;
        }
        if (!Files.isRegularFile(file)) {
            throw new CliFailure(ExitCode.NOINPUT, "cannot open " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.NOINPUT, "cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param dir a directory that must exist
     * @param option the option that named it, for the message
     * @throws CliFailure with {@link ExitCode#NOINPUT} when it is missing
     */
    static void requireDirectory(Path dir, String option) throws CliFailure {
        if (!Files.isDirectory(dir)) {
            throw new CliFailure(ExitCode.NOINPUT, option + " " + dir + ": no such directory");
        }
    }
}
