package org.xsmtp.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/** A TCP connection, plain or TLS. Writes are bounded by {@link WriteWatchdog}. */
final class SocketConnection extends Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peer;
    private volatile long writeTimeoutNanos;
    private volatile long writeDeadline;
    private volatile boolean writeExpired;
    private volatile boolean open = true;

    SocketConnection(Socket socket, String peer, long writeTimeoutMillis) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.peer = peer;
        setWriteTimeout(writeTimeoutMillis);
        WriteWatchdog.INSTANCE.watch(this);
    }

    @Override
    public int read(byte[] b, int off, int len, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
        return in.read(b, off, len);
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

    void expireWriteIfOverdue(long now) {
        long deadline = writeDeadline;
        if (deadline != 0 && now - deadline > 0) {
            writeExpired = true;
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
        WriteWatchdog.INSTANCE.unwatch(this);
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
        WriteWatchdog.INSTANCE.unwatch(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the connection is abandoned either way
        }
    }
}
