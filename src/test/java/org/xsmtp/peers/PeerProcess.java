package org.xsmtp.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A server process run by a test: stdout and stderr go to files in a log directory, stdin
 * stays an open pipe (a child that watches it sees end of file when the JVM dies), and
 * {@link #close()} ends the process together with all its descendants. Processes a test
 * forgot to close are ended by a JVM shutdown hook (not when the JVM is SIGKILLed: then
 * only the aiosmtpd peer, which watches its stdin, goes away by itself).
 */
public final class PeerProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int TAIL_CHARS = 4000;
    private static final Set<PeerProcess> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> List.copyOf(OPEN).forEach(PeerProcess::close), "xsmtp-peer-cleanup"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<ProcessHandle> seen = new CopyOnWriteArrayList<>();

    private PeerProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command}; its output goes to {@code logDir}/{@code name}.out and .err. */
    public static PeerProcess start(String name, List<String> command, Path logDir) {
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(logDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            PeerProcess peer = new PeerProcess(name, process, out, err);
            OPEN.add(peer);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** The process id of the started command. */
    public long pid() {
        return process.pid();
    }

    /** Tells whether the started command is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The started command's stdout so far. */
    public String stdout() {
        return read(stdout);
    }

    /** The started command's stderr so far. */
    public String stderr() {
        return read(stderr);
    }

    /** A one-line account of the process for failure messages: exit state and stderr tail. */
    public String describe() {
        String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
        String err = stderr();
        if (err.length() > TAIL_CHARS) {
            err = "..." + err.substring(err.length() - TAIL_CHARS);
        }
        return name + " (pid " + process.pid() + ") " + state + "; stderr: " + (err.isBlank() ? "(empty)" : err);
    }

    /**
     * Polls until {@code address} (TCP or Unix socket) is listening (seen in {@code /proc},
     * else by connecting); fails with the process's stderr if it exits first or
     * {@code timeout} passes.
     */
    public void awaitConnectable(SocketAddress address, Duration timeout) {
        Poll.until(timeout, name + " to accept connections on " + address, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped before accepting connections on " + address
                        + ": " + describe());
            }
            return listening(address);
        }, this::describe);
    }

    /** Polls until stdout has a line starting with {@code prefix}; returns that line. */
    public String awaitStdoutLine(String prefix, Duration timeout) {
        Poll.until(timeout, name + " to print a line starting with '" + prefix + "'", () -> {
            if (findLine(prefix).isPresent()) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped before printing '" + prefix + "': " + describe());
            }
            return false;
        }, this::describe);
        return findLine(prefix).orElseThrow();
    }

    /** Closes the child's stdin: a child watching it (the aiosmtpd peer) then exits. */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to {@code timeout} for the process to exit; tells whether it did. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The process and its descendants now, remembered so that {@link #close()} ends them too. */
    public List<ProcessHandle> tree() {
        List<ProcessHandle> now = new ArrayList<>();
        now.add(process.toHandle());
        process.descendants().forEach(now::add);
        for (ProcessHandle handle : now) {
            if (seen.stream().noneMatch(h -> h.pid() == handle.pid())) {
                seen.add(handle);
            }
        }
        return now;
    }

    /**
     * Sends SIGTERM to the process and every descendant seen, waits for them to go, then
     * SIGKILLs whatever is left. Idempotent. Zombies (exited, never reaped: orphans under a
     * PID 1 that does not reap, as in this project's VMs) count as gone.
     */
    @Override
    public void close() {
        tree().forEach(ProcessHandle::destroy);
        if (!awaitGone(GRACE)) {
            seen.stream().filter(PeerProcess::running).forEach(ProcessHandle::destroyForcibly);
            awaitGone(GRACE);
        }
        awaitExit(GRACE); // reaps our direct child
        closeQuietly(process.getOutputStream());
        OPEN.remove(this);
    }

    /** Pids of processes seen in this tree that still run (for leak checks). */
    public List<Long> survivors() {
        return seen.stream().filter(PeerProcess::running).map(ProcessHandle::pid).collect(Collectors.toList());
    }

    private boolean awaitGone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.stream().anyMatch(PeerProcess::running)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Alive and not a zombie, judged by {@code /proc/<pid>/stat} where it exists. */
    private static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }

    private Optional<String> findLine(String prefix) {
        return stdout().lines().filter(l -> l.startsWith(prefix)).findFirst();
    }

    private static boolean listening(SocketAddress address) {
        Boolean fromProc = ListeningSockets.isListening(address);
        return fromProc != null ? fromProc : connects(address);
    }

    private static boolean connects(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return channel.connect(address);
            } catch (IOException e) {
                return false;
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect((InetSocketAddress) address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // The child is gone; nothing to flush.
        }
    }
}
