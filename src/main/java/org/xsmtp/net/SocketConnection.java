package org.xsmtp.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * A TCP connection, plain or TLS. Writes are bounded by {@link IoWatchdog}, and so are reads of a plain
 * connection, which therefore stays a blocking socket: one read system call per reply. TLS reads keep
 * {@code SO_TIMEOUT}, since closing an {@code SSLSocket} under a blocked reader is not something to rely on.
 */
final class SocketConnection extends Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peer;
    private final boolean tls;
    private volatile long writeTimeoutNanos;
    private volatile long writeDeadline;
    private volatile boolean writeExpired;
    private volatile long readDeadline;
    private volatile boolean readExpired;
    private volatile boolean open = true;

    SocketConnection(Socket socket, String peer, long writeTimeoutMillis) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.peer = peer;
        this.tls = socket instanceof SSLSocket;
        setWriteTimeout(writeTimeoutMillis);
        IoWatchdog.INSTANCE.watch(this);
    }

    @Override
    public int read(byte[] b, int off, int len, long timeoutMillis) throws IOException {
        if (tls) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
            return in.read(b, off, len);
        }
        readDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            if (readExpired) {
                SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            readDeadline = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        long limit = writeTimeoutNanos;
        if (limit > 0) {
            writeDeadline = System.nanoTime() + limit;
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            if (writeExpired) {
                SocketTimeoutException timeout = new SocketTimeoutException("write to " + peer
                        + " blocked for more than " + TimeUnit.NANOSECONDS.toMillis(limit)
                        + " ms: the server stopped reading");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            writeDeadline = 0;
        }
    }

    @Override
    public void setWriteTimeout(long millis) {
        writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    void expireIfOverdue(long now) {
        long deadline = writeDeadline;
        if (deadline != 0 && now - deadline > 0) {
            writeExpired = true;
            close();
        }
        deadline = readDeadline;
        if (deadline != 0 && now - deadline > 0) {
            readExpired = true;
            close();
        }
    }

    @Override
    public boolean hasUnreadInput() throws IOException {
        return in.available() > 0;
    }

    @Override
    public Connection startTls(TlsSettings tls, long timeoutMillis) throws IOException {
        if (socket instanceof SSLSocket) {
            throw new IOException("connection to " + peer + " is already encrypted");
        }
        IoWatchdog.INSTANCE.unwatch(this);
        SSLSocket ssl = TlsLayer.handshake(socket, tls, timeoutMillis);
        return new SocketConnection(ssl, peer, TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos));
    }

    @Override
    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    @Override
    public boolean isLocal() {
        return socket.getInetAddress() != null && socket.getInetAddress().isLoopbackAddress();
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean isOpen() {
        return open && !socket.isClosed();
    }

    @Override
    public void close() {
        open = false;
        IoWatchdog.INSTANCE.unwatch(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the connection is abandoned either way
        }
    }
}
