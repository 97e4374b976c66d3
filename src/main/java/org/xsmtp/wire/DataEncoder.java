package org.xsmtp.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Streaming encoder for message content. Every bare CR, bare LF and CRLF becomes CRLF, a final CRLF is
 * added when the content does not end with one (as smtplib does, an empty message becomes one empty line),
 * and, for DATA, every line that starts with {@code .} gets a second one and {@code .CRLF} ends the data.
 *
 * <p>Normalising bare CR and LF for every kind of input (smtplib leaves {@code bytes} untouched) means no
 * input can produce an end-of-data sequence other than the real one: no SMTP smuggling. State is kept
 * across {@code write} calls, so a line-leading dot is stuffed wherever the caller's buffers split.
 */
public final class DataEncoder extends OutputStream {
    /** Eight bytes at a time, to skip stretches of text that hold no line end (most of a message). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = {'.', '\r', '\n'};
    private static final int LINE_START = 0;
    private static final int MID_LINE = 1;
    private static final int AFTER_CR = 2;

    private final OutputStream out;
    private final boolean dotStuffing;
    private final byte[] one = new byte[1];
    private int state = LINE_START;
    private boolean empty = true;
    private boolean finished;

    private DataEncoder(OutputStream out, boolean dotStuffing) {
        this.out = out;
        this.dotStuffing = dotStuffing;
    }

    /**
     * @param out where the encoded bytes go
     * @return an encoder for DATA: CRLF normalisation, dot-stuffing, {@code .CRLF} on {@link #finish()}
     */
    public static DataEncoder forData(OutputStream out) {
        return new DataEncoder(out, true);
    }

    /**
     * @param out where the encoded bytes go
     * @return an encoder for BDAT chunks: CRLF normalisation only, no dot-stuffing and no terminator
     */
    public static DataEncoder forChunking(OutputStream out) {
        return new DataEncoder(out, false);
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("message content written after its end");
        }
        if (len == 0) {
            return;
        }
        empty = false;
        int run = off;
        int end = off + len;
        int s = state;
        for (int i = off; i < end; i++) {
            if (s == MID_LINE) {
                // inside a line only CR and LF matter: pass over 8 bytes at a time while none is below 14
                while (i + 8 <= end && !hasByteBelow14((long) LONGS.get(b, i))) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
            }
            byte c = b[i];
            if (c == '\r') {
                if (i + 1 < end && b[i + 1] == '\n') {
                    // a CRLF already: it passes as it is, inside the current run (the common case)
                    i++;
                    s = LINE_START;
                    continue;
                }
                out.write(b, run, i - run);
                out.write(CRLF, 0, 2);
                run = i + 1;
                s = AFTER_CR;
            } else if (c == '\n') {
                out.write(b, run, i - run);
                if (s != AFTER_CR) {
                    out.write(CRLF, 0, 2);
                }
                run = i + 1;
                s = LINE_START;
            } else {
                if (c == '.' && s != MID_LINE && dotStuffing) {
                    out.write(b, run, i - run);
                    out.write('.');
                    run = i;
                }
                s = MID_LINE;
            }
        }
        out.write(b, run, end - run);
        state = s;
    }

    /**
     * Ends the content: adds the missing CRLF and, for DATA, the terminating {@code .CRLF}. Does not flush or
     * close the underlying stream.
     *
     * @throws IOException from the underlying stream
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (state == MID_LINE || empty) {
            out.write(CRLF, 0, 2);
        }
        if (dotStuffing) {
            out.write(END_OF_DATA, 0, END_OF_DATA.length);
        }
        finished = true;
    }

    /** Same as {@link #finish()}; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /**
     * The length of content after CRLF normalisation, without dot-stuffing: what SIZE should declare. Like
     * smtplib's {@code len(msg)}, it does not count the CRLF that {@link #finish()} adds when the content does
     * not end with a line end (nor the one that stands for empty content).
     *
     * @param b the content
     * @return the normalised length in bytes
     */
    public static long normalizedLength(byte[] b) {
        long n = b.length;
        int len = b.length;
        for (int i = 0; i < len; i++) {
            while (i + 8 <= len && !hasByteBelow14((long) LONGS.get(b, i))) {
                i += 8;
            }
            if (i == len) {
                break;
            }
            if (b[i] == '\r') {
                if (i + 1 < len && b[i + 1] == '\n') {
                    i++;
                } else {
                    n++;
                }
            } else if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Whether some byte of {@code x}, taken as unsigned, is less than 14 (so possibly a CR or LF). */
    private static boolean hasByteBelow14(long x) {
        return ((x - ONES * 14) & ~x & HIGH_BITS) != 0;
    }
}
