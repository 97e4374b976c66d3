package org.xsmtp.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The messages of an mbox file. A message starts after a {@code From } line at the start of the file (only
 * empty lines may come before it: anything else means the file is not an mbox) or after an empty line; that
 * separator line is not part of the message, nor is the empty line before the next separator. Body lines
 * escaped as {@code >From }, {@code >>From }... lose one {@code >} (mboxrd).
 */
final class MboxMessages implements MessageReader {
    private final InputStream in;
    private byte[] pendingLine;
    private int count;

    private MboxMessages(InputStream in) throws IOException {
        this.in = in;
        this.pendingLine = readLine();
        while (pendingLine != null && !startsWith(pendingLine, 0, "From ")) {
            if (!isBlank(pendingLine)) {
                throw new NotAnMbox();
            }
            pendingLine = readLine();
        }
    }

    /**
     * @param file the mbox file
     * @return its messages; none for an empty file (or one of empty lines only), an empty mailbox
     * @throws CliFailure with {@link ExitCode#NOINPUT} when it cannot be opened, {@link ExitCode#DATAERR} when
     *     something other than empty lines comes before its first {@code From } line (it is not an mbox), or
     *     {@link ExitCode#IOERR} when its first lines cannot be read
     */
    static MboxMessages open(Path file) throws CliFailure {
        InputStream in = MessageFile.open(file, null);
        try {
            return new MboxMessages(new BufferedInputStream(in, 64 * 1024));
        } catch (NotAnMbox e) {
            closeQuietly(in);
            throw new CliFailure(ExitCode.DATAERR, "--mbox " + file + " is not an mbox file: it does not start with"
                    + " a 'From ' separator line; nothing was sent (to send one message, use --file)", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new CliFailure(ExitCode.IOERR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the open failure is what gets reported
        }
    }

    /** Content before the first {@code From } line. */
    private static final class NotAnMbox extends IOException {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public int total() {
        return -1;
    }

    @Override
    public Item next() throws IOException {
        if (pendingLine == null) {
            return null;
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        byte[] blank = null;
        byte[] line;
        while ((line = readLine()) != null) {
            boolean isBlank = isBlank(line);
            if (blank != null && startsWith(line, 0, "From ")) {
                break;
            }
            if (blank != null) {
                message.write(blank);
            }
            if (isBlank) {
                blank = line;
            } else {
                blank = null;
                message.write(unescape(line));
            }
        }
        pendingLine = line;
        return new Item("mbox message " + ++count, message.toByteArray());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static boolean isBlank(byte[] line) {
        return (line.length == 1 && line[0] == '\n') || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    private static byte[] unescape(byte[] line) {
        int quotes = 0;
        while (quotes < line.length && line[quotes] == '>') {
            quotes++;
        }
        if (quotes > 0 && startsWith(line, quotes, "From ")) {
            byte[] shorter = new byte[line.length - 1];
            System.arraycopy(line, 1, shorter, 0, shorter.length);
            return shorter;
        }
        return line;
    }

    private static boolean startsWith(byte[] line, int offset, String prefix) {
        if (line.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
