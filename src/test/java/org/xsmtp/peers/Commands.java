package org.xsmtp.peers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short helper commands (openssl, postfix stop, ...) to completion. */
public final class Commands {

    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code dir} and returns its combined output; throws
     * {@link IllegalStateException} with that output if it fails or hangs.
     */
    public static String run(Path dir, List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("xsmtp-cmd-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            if (output != null) {
                TempDir.deleteTree(output);
            }
        }
    }

    /** Tells whether {@code command} runs and exits with status 0. */
    public static boolean succeeds(String... command) {
        try {
            run(null, List.of(command));
            return true;
        } catch (IllegalStateException | UncheckedIOException e) {
            return false;
        }
    }
}
