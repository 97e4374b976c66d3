package org.xsmtp.testkit;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large message made on the fly: a header, then lines of 76 letters and CRLF, {@code size} bytes in all.
 * Nothing is held in memory, so a test can send tens of megabytes, and {@link #produced()} tells how far the
 * client got.
 */
public final class GeneratedMessage extends InputStream {
    private static final byte[] HEADER = "Subject: generated\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int LINE = 78;

    private final long size;
    private volatile long produced;

    /** @param size total bytes, at least the header's length */
    public GeneratedMessage(long size) {
        this.size = size;
    }

    /**
     * @param size total bytes
     * @return the same content as one array, for the APIs that take bytes
     */
    public static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new GeneratedMessage(size).read(b, 0, size);
        return b;
    }

    /** @return bytes handed out so far */
    public long produced() {
        return produced;
    }

    /** @return the total size */
    public long size() {
        return size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        long left = size - produced;
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        long p = produced;
        for (int i = 0; i < n; i++, p++) {
            b[off + i] = byteAt(p);
        }
        produced = p;
        return n;
    }

    private static byte byteAt(long p) {
        if (p < HEADER.length) {
            return HEADER[(int) p];
        }
        int col = (int) ((p - HEADER.length) % LINE);
        if (col == LINE - 2) {
            return '\r';
        }
        if (col == LINE - 1) {
            return '\n';
        }
        return (byte) ('a' + col % 26);
    }
}
