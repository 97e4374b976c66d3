package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A temporary directory that {@link #close()} deletes with everything in it.
 *
 * <p>It is created world-traversable (0755) so that peers which drop privileges (smtp-sink
 * as {@code nobody}, Postfix daemons as {@code postfix}) can reach what lies below it.
 */
public final class TempDir implements AutoCloseable {

    private final Path path;

    private TempDir(Path path) {
        this.path = path;
    }

    /** Creates a new directory under java.io.tmpdir whose name starts with {@code prefix}. */
    public static TempDir create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new TempDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Creates (if needed) the subdirectory {@code name} with the given rwx permission string. */
    public Path subdir(String name, String permissions) {
        try {
            Path dir = Files.createDirectories(path.resolve(name));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path.resolve(name), e);
        }
    }

    /** Deletes the directory tree; files that vanish meanwhile are ignored. */
    @Override
    public void close() {
        deleteTree(path);
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
