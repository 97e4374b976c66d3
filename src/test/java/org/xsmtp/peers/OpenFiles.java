package org.xsmtp.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files a process has open, read from Linux's {@code /proc/<pid>/fd}. Used to tell a
 * finished smtp-sink dump from one still being written. Returns an empty set where
 * {@code /proc} cannot be read (no Linux, or no permission).
 */
public final class OpenFiles {

    private OpenFiles() {
    }

    /** The paths of the files process {@code pid} has open now. */
    public static Set<Path> of(long pid) {
        Set<Path> open = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException | UnsupportedOperationException e) {
                    // The descriptor was closed meanwhile.
                }
            });
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return open;
    }
}
