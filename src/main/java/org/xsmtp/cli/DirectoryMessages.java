package org.xsmtp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A directory holding one message per regular file, sent in file name order; hidden files are skipped. */
final class DirectoryMessages implements MessageReader {
    private final List<Path> files;
    private int next;

    private DirectoryMessages(List<Path> files) {
        this.files = files;
    }

    /**
     * @param dir the directory
     * @return its messages
     * @throws CliFailure with {@link ExitCode#NOINPUT} when it is missing or cannot be listed
     */
    static DirectoryMessages open(Path dir) throws CliFailure {
        MessageFile.requireDirectory(dir, "--batch-dir");
        try (Stream<Path> entries = Files.list(dir)) {
            return new DirectoryMessages(entries
                    .filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            throw new CliFailure(ExitCode.NOINPUT, "cannot list --batch-dir " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int total() {
        return files.size();
    }

    @Override
    public Item next() throws IOException {
        if (next == files.size()) {
            return null;
        }
        Path file = files.get(next++);
        return new Item(file.getFileName().toString(), Files.readAllBytes(file));
    }

    @Override
    public void close() {
        // nothing held open
    }
}
