package org.xsmtp.smtp;

import java.io.IOException;
import java.io.OutputStream;
import org.xsmtp.net.Connection;

/**
 * The client's send buffer: commands and message data collect here and reach the socket in large writes,
 * so a pipelined group of commands is one write. Unsynchronised: a client is used by one thread at a time.
 * A failing connection surfaces as {@link ConnectionLostException}, telling it apart from a failing message
 * source.
 */
final class OutputBuffer extends OutputStream {
    private final byte[] buffer;
    private int count;
    private Connection connection;
    private long total;

    OutputBuffer(Connection connection, int size) {
        this.connection = connection;
        this.buffer = new byte[size];
    }

    void connection(Connection c) {
        this.connection = c;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len >= buffer.length) {
            flushBuffer();
            send(b, off, len);
            return;
        }
        if (len > buffer.length - count) {
            flushBuffer();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
    }

    /** @return whether bytes are waiting to be sent */
    boolean hasPending() {
        return count > 0;
    }

    /** @return bytes handed to the connection since this buffer was made */
    long bytesSent() {
        return total;
    }

    /** Drops unsent bytes (after the connection failed). */
    void discard() {
        count = 0;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            send(buffer, 0, n);
        }
    }

    private void send(byte[] b, int off, int len) throws IOException {
        try {
            connection.write(b, off, len);
            total += len;
        } catch (IOException e) {
            throw new ConnectionLostException(e);
        }
    }

    /** The connection, not the message source, failed during a write. */
    static final class ConnectionLostException extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionLostException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
