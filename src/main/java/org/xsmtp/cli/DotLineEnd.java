package org.xsmtp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Standard input as sendmail reads it without {@code -i}: the message ends at a line that is exactly
 * {@code .} (followed by LF, CRLF or the end of input), and that line is not part of it. Streamed: bytes are
 * handed on as they arrive, and nothing is read after the dot line, so a caller that writes it and keeps the
 * pipe open is not waited for.
 */
final class DotLineEnd extends InputStream {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private boolean sourceDone;
    private boolean ended;
    private boolean lineStart = true;

    /** @param in the raw input, closed by {@link #close()} */
    DotLineEnd(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len && !ended) {
            if (pos == lim) {
                if (n > 0) {
                    break; // hand on what is here rather than wait for more
                }
                if (!more(1)) {
                    ended = true;
                    break;
                }
            }
            if (lineStart && buf[pos] == '.') {
                if (n > 0) {
                    break; // the line after it may take a wait to tell: hand on what is here first
                }
                if (isDotLine()) {
                    ended = true;
                    break;
                }
            }
            byte c = buf[pos++];
            b[off + n++] = c;
            lineStart = c == '\n';
        }
        return n == 0 ? -1 : n;
    }

    /** At a line start holding a dot: whether the line is that dot alone (reads at most two bytes more). */
    private boolean isDotLine() throws IOException {
        if (!more(2)) {
            return true; // "." at the end of input
        }
        if (buf[pos + 1] == '\n') {
            return true;
        }
        return buf[pos + 1] == '\r' && more(3) && buf[pos + 2] == '\n';
    }

    /** Reads until at least {@code count} bytes are buffered; false when the input ends first. */
    private boolean more(int count) throws IOException {
        while (lim - pos < count) {
            if (sourceDone) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                sourceDone = true;
            } else {
                lim += r;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
