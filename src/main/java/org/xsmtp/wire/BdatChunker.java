package org.xsmtp.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Frames message content into RFC 3030 chunks: {@code BDAT <n> CRLF} followed by exactly n bytes, the last
 * one {@code BDAT <n> LAST}. Content is collected into chunks of a fixed size; the chunk size bounds memory.
 */
public final class BdatChunker extends OutputStream {

    /** Receives each chunk as it is completed. */
    public interface ChunkSink {
        /**
         * @param command the encoded {@code BDAT} command line, CRLF included
         * @param data the chunk's bytes (valid only during the call)
         * @param off offset of the first byte
         * @param len number of bytes
         * @param last whether this is the {@code LAST} chunk
         * @throws IOException to stop the content (the exception reaches the writer)
         */
        void chunk(byte[] command, byte[] data, int off, int len, boolean last) throws IOException;
    }

    private final byte[] buffer;
    private final ChunkSink sink;
    private int count;
    private boolean finished;

    /**
     * @param chunkSize bytes per chunk (all but the last), at least 1
     * @param sink where chunks go
     * @throws IllegalArgumentException when {@code chunkSize} is less than 1
     */
    public BdatChunker(int chunkSize, ChunkSink sink) {
        this(newBuffer(chunkSize), sink);
    }

    /**
     * A chunker that collects into the caller's buffer, so a client can keep one for every message instead of
     * allocating a chunk's worth of memory per message. The buffer must not be used by anything else until
     * {@link #finish()} returned.
     *
     * @param buffer the chunk buffer; its length is the chunk size, at least 1
     * @param sink where chunks go
     * @throws IllegalArgumentException when the buffer is empty
     */
    public BdatChunker(byte[] buffer, ChunkSink sink) {
        if (buffer.length < 1) {
            throw new IllegalArgumentException("BDAT chunk size must be at least 1, not " + buffer.length);
        }
        this.buffer = buffer;
        this.sink = sink;
    }

    private static byte[] newBuffer(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("BDAT chunk size must be at least 1, not " + chunkSize);
        }
        return new byte[chunkSize];
    }

    /**
     * @param length chunk length
     * @param last whether it is the last chunk
     * @return the encoded {@code BDAT} line
     */
    public static byte[] command(long length, boolean last) {
        return ("BDAT " + length + (last ? " LAST\r\n" : "\r\n")).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("message content written after its last chunk");
        }
        while (len > 0) {
            if (count == buffer.length) {
                emit(false);
            }
            if (count == 0 && len > buffer.length) {
                // A large write becomes a chunk of its own, without a copy; one byte stays back so the
                // LAST chunk is never empty when content ends on this write.
                int n = len - 1;
                sink.chunk(command(n, false), b, off, n, false);
                off += n;
                len -= n;
                continue;
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Sends what is buffered as the {@code LAST} chunk (possibly {@code BDAT 0 LAST}).
     *
     * @throws IOException from the sink
     */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            emit(true);
        }
    }

    private void emit(boolean last) throws IOException {
        int n = count;
        count = 0;
        sink.chunk(command(n, last), buffer, 0, n, last);
    }
}
