package org.xsmtp.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a raw RFC 5322 message without its {@code Bcc} and {@code Resent-Bcc} fields: the pull-side
 * counterpart of {@link BccStrippingOutputStream}, which does the filtering. Each read takes one chunk of the
 * source through the filter, so memory stays bounded by a chunk plus the filter's held-back line start;
 * everything else passes unchanged.
 */
public final class BccStrippingInputStream extends InputStream {

    private static final int CHUNK = 16 * 1024;

    private final InputStream source;
    private final Pending pending = new Pending();
    private final BccStrippingOutputStream filter = new BccStrippingOutputStream(pending);
    private final byte[] chunk = new byte[CHUNK];
    private int served;
    private boolean sourceDone;

    /**
     * Wraps a message.
     *
     * @param source the raw message; read to its end, closed by {@link #close()}
     * @throws NullPointerException if {@code source} is {@code null}
     */
    public BccStrippingInputStream(InputStream source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Reads one byte of the filtered message.
     *
     * @return the byte, or -1 at the end of the message
     * @throws IOException if the source fails, or the filter refuses a line (see
     *     {@link BccStrippingOutputStream#write(byte[], int, int)})
     */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Reads filtered bytes.
     *
     * @param b the buffer
     * @param off where to start in {@code b}
     * @param len at most this many bytes
     * @return the number of bytes read, or -1 at the end of the message
     * @throws IOException if the source fails, or the filter refuses a line
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (served == pending.size()) {
            pending.reset();
            served = 0;
            if (sourceDone) {
                return -1;
            }
            int n = source.read(chunk, 0, chunk.length);
            if (n < 0) {
                sourceDone = true;
                filter.close();
            } else {
                filter.write(chunk, 0, n);
            }
        }
        int n = Math.min(len, pending.size() - served);
        System.arraycopy(pending.buffer(), served, b, off, n);
        served += n;
        return n;
    }

    /**
     * Closes the source.
     *
     * @throws IOException if closing the source fails
     */
    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Filtered bytes not yet handed out; closing it does nothing, as the filter closes it at the end. */
    private static final class Pending extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }

        @Override
        public void close() {
            // the filter's close() must not end anything here
        }
    }
}
