package org.xsmtp.net;

import java.io.Closeable;
import java.io.IOException;

/** A connected byte pipe with time-limited reads and writes. Not thread-safe: one user at a time. */
public abstract class Connection implements Closeable {

    /**
     * Reads what is available, waiting at most {@code timeoutMillis}.
     *
     * @param b buffer
     * @param off offset
     * @param len maximum bytes
     * @param timeoutMillis the longest wait, at least 1
     * @return bytes read, or -1 at end of stream
     * @throws java.net.SocketTimeoutException when nothing arrived in time
     * @throws IOException when the connection failed
     */
    public abstract int read(byte[] b, int off, int len, long timeoutMillis) throws IOException;

    /**
     * Writes all bytes; a peer that stops reading makes this fail after the write timeout.
     *
     * @param b bytes
     * @param off offset
     * @param len count
     * @throws java.net.SocketTimeoutException when the write timeout expired (the connection is then closed)
     * @throws IOException when the connection failed
     */
    public abstract void write(byte[] b, int off, int len) throws IOException;

    /** @param millis the longest a single write may block; 0 for no limit */
    public abstract void setWriteTimeout(long millis);

    /**
     * @return whether bytes have arrived that nobody has read yet (checked right before a TLS upgrade)
     * @throws IOException when the connection failed
     */
    public abstract boolean hasUnreadInput() throws IOException;

    /**
     * Upgrades this connection to TLS in place (STARTTLS) and returns the secured connection. This object
     * must not be used afterwards.
     *
     * @param tls the TLS settings, including the name to verify
     * @param timeoutMillis the longest the handshake may take
     * @return the secured connection
     * @throws IOException when the handshake or a certificate check failed
     */
    public abstract Connection startTls(TlsSettings tls, long timeoutMillis) throws IOException;

    /** @return whether the bytes travel encrypted */
    public abstract boolean isSecure();

    /** @return whether the peer is this machine: a loopback address or a Unix socket */
    public abstract boolean isLocal();

    /**
     * @return the socket's receive buffer size as the system reports it (64 KiB when it does not say): about
     *     what the peer can send before this side reads (Linux reports twice the payload room)
     */
    public abstract int receiveBufferBytes();

    /** @return the peer, for messages: {@code host/address:port} or the socket path */
    public abstract String peer();

    /** @return whether {@link #close()} has not been called and no failure closed it */
    public abstract boolean isOpen();

    /** Closes the connection at once; never throws. */
    @Override
    public abstract void close();
}
