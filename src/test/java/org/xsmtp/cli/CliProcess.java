package org.xsmtp.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged command line as a separate process, {@code java -jar target/xsmtp-cli.jar args}, with
 * the given standard input and extra environment, and collects its exit status and output.
 */
final class CliProcess {
    /** What a run left behind. */
    record Result(int exit, String out, String err) {
        /** @return standard output with CRLF turned into LF */
        String outLines() {
            return out.replace("\r\n", "\n");
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliProcess() {
    }

    /** @return the jar under test (failsafe passes its path) */
    static Path jar() {
        Path jar = Path.of(System.getProperty("xsmtp.cli.jar", "target/xsmtp-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with mvn verify");
        }
        return jar;
    }

    static Result run(byte[] stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    static Result run(byte[] stdin, Map<String, String> env, String... args) {
        return run(stdin, env, true, args);
    }

    /**
     * Writes {@code stdin} but keeps the process's standard input open until it ends, as a caller that ends
     * the message with a line holding a single dot and does not close the pipe.
     */
    static Result runKeepingStdinOpen(byte[] stdin, String... args) {
        return run(stdin, Map.of(), false, args);
    }

    private static Result run(byte[] stdin, Map<String, String> env, boolean closeStdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            OutputStream in = p.getOutputStream();
            try {
                in.write(stdin);
                in.flush();
                if (closeStdin) {
                    in.close();
                }
            } catch (IOException closedEarly) {
                // the command may exit before reading its input (usage errors)
            }
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("xsmtp did not finish within 60 s (hang guard): " + command);
                }
            } finally {
                closeQuietly(in);
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static void closeQuietly(OutputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the process has ended
        }
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.start();
        return t;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
