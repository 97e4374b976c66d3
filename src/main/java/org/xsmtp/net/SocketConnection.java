package org.xsmtp.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * A TCP connection, plain or TLS. Every read and write, and the TLS close, is bounded by {@link IoWatchdog},
 * which closes the underlying TCP socket of a call still blocked past its deadline, so a plain socket stays
 * blocking (one read system call per reply) and a TLS peer trickling a record byte by byte cannot stretch a
 * reply's deadline.
 */
final class SocketConnection extends Connection {
    private static final long CLOSE_NOTIFY_LIMIT_MILLIS = 1000;
    private static final int WRITE_SLICE = 64 * 1024;
    private static final int UNKNOWN_RECEIVE_BUFFER = 64 * 1024;

    private final Socket socket;
    private final Socket transport;
    private final InputStream in;
    private final OutputStream out;
    private final String peer;
    private volatile long writeTimeoutNanos;
    private volatile long deadline;
    private volatile boolean expired;
    private volatile boolean open = true;
    private final IoWatchdog.Watch watch;

    /**
     * @param socket the socket to read and write: the TCP socket itself, or TLS layered over {@code transport}
     * @param transport the TCP socket underneath, closed by the watchdog (closing it never blocks)
     */
    SocketConnection(Socket socket, Socket transport, String peer, long writeTimeoutMillis) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.peer = peer;
        setWriteTimeout(writeTimeoutMillis);
        watch = IoWatchdog.INSTANCE.watch(this);
    }

    @Override
    public int read(byte[] b, int off, int len, long timeoutMillis) throws IOException {
        long limit = Math.max(1, timeoutMillis);
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limit);
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw expired ? timeout("no data from " + peer + " within " + limit + " ms", e) : e;
        } finally {
            deadline = 0;
        }
    }

    /**
     * Writes in slices of at most {@value #WRITE_SLICE} bytes, each with the whole write limit: the limit is
     * for a server that stops reading (RFC 5321 §4.5.3.2 times each send), not for a large message to a
     * server that reads slowly.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        long limit = writeTimeoutNanos;
        try {
            for (int end = off + len; off < end; ) {
                int n = Math.min(WRITE_SLICE, end - off);
                if (limit > 0) {
                    deadline = System.nanoTime() + limit;
                }
                out.write(b, off, n);
                off += n;
            }
        } catch (IOException e) {
            throw expired ? timeout("write to " + peer + " blocked for more than "
                    + TimeUnit.NANOSECONDS.toMillis(limit) + " ms: the server stopped reading", e) : e;
        } finally {
            deadline = 0;
        }
    }

    private static SocketTimeoutException timeout(String message, IOException cause) {
        SocketTimeoutException timeout = new SocketTimeoutException(message);
        timeout.initCause(cause);
        return timeout;
    }

    @Override
    public void setWriteTimeout(long millis) {
        writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    /** Called by the watchdog: drops the connection if a call is blocked past its deadline. */
    void expireIfOverdue(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            expired = true;
            open = false;
            closeTransport();
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
        IoWatchdog.INSTANCE.unwatch(watch);
        SSLSocket ssl = TlsLayer.handshake(socket, tls, timeoutMillis);
        return new SocketConnection(ssl, transport, peer, TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos));
    }

    @Override
    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    @Override
    public int receiveBufferBytes() {
        try {
            return transport.getReceiveBufferSize();
        } catch (IOException e) {
            return UNKNOWN_RECEIVE_BUFFER;
        }
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
        return open && !socket.isClosed() && !transport.isClosed();
    }

    /**
     * Closes at once. Over TLS a close_notify alert is sent first, with a short deadline: a peer that does
     * not read cannot make closing block.
     */
    @Override
    public void close() {
        open = false;
        if (socket != transport && !transport.isClosed()) {
            long limit = writeTimeoutNanos > 0 ? Math.min(writeTimeoutNanos,
                    TimeUnit.MILLISECONDS.toNanos(CLOSE_NOTIFY_LIMIT_MILLIS))
                    : TimeUnit.MILLISECONDS.toNanos(CLOSE_NOTIFY_LIMIT_MILLIS);
            deadline = System.nanoTime() + limit;
            try {
                socket.close();
            } catch (IOException ignored) {
                // the alert is a courtesy; the TCP socket is closed below either way
            } finally {
                deadline = 0;
            }
        }
        closeTransport();
        IoWatchdog.INSTANCE.unwatch(watch);
    }

    private void closeTransport() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing is best effort: the connection is abandoned either way
        }
    }
}
