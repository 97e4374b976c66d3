package org.xsmtp.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Unix domain socket (JDK 16+ {@code UnixDomainSocketAddress}, no native library). The channel is
 * non-blocking and waits go through a selector, which is how reads and writes get their time limits.
 */
final class UnixConnection extends Connection {
    private static final int WRITE_SLICE = 64 * 1024;
    private static final int SOCKET_TYPE = 0140000;
    private static final int TYPE_MASK = 0170000;

    private final SocketChannel channel;
    private final Selector selector;
    private final String peer;
    private long writeTimeoutMillis;

    private UnixConnection(SocketChannel channel, Selector selector, String peer, long writeTimeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.peer = peer;
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    static UnixConnection open(Path path, long connectTimeoutMillis, long writeTimeoutMillis) throws IOException {
        checkIsSocket(path);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        CloseAtDeadline deadline = CloseAtDeadline.arm(channel, connectTimeoutMillis);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
            deadline.close();
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            return new UnixConnection(channel, selector, path.toString(), writeTimeoutMillis);
        } catch (IOException e) {
            deadline.close();
            channel.close();
            if (deadline.expired()) {
                SocketTimeoutException timeout = new SocketTimeoutException("connecting to Unix socket " + path
                        + " timed out after " + connectTimeoutMillis + " ms: the server does not accept");
                timeout.initCause(e);
                throw timeout;
            }
            throw new IOException("cannot connect to Unix socket " + path + ": " + e.getMessage(), e);
        }
    }

    private static void checkIsSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            throw new IOException("Unix socket " + path + " does not exist");
        }
        Object mode;
        try {
            mode = Files.getAttribute(path, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if (mode instanceof Integer m && (m & TYPE_MASK) != SOCKET_TYPE) {
            throw new IOException(path + " is not a Unix socket"
                    + (Files.isDirectory(path) ? " but a directory" : Files.isRegularFile(path) ? " but a file" : ""));
        }
    }

    @Override
    public int read(byte[] b, int off, int len, long timeoutMillis) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        int n = channel.read(buffer);
        if (n != 0) {
            return n;
        }
        await(SelectionKey.OP_READ, Math.max(1, timeoutMillis), "read from");
        return channel.read(buffer);
    }

    /**
     * Writes in slices of at most {@value #WRITE_SLICE} bytes, each with the whole write limit: the limit is
     * for a server that stops reading, not for a large message to a server that reads slowly.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int end = off + len; off < end; ) {
            int n = Math.min(WRITE_SLICE, end - off);
            writeSlice(ByteBuffer.wrap(b, off, n));
            off += n;
        }
    }

    private void writeSlice(ByteBuffer buffer) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                long left = writeTimeoutMillis == 0 ? 0
                        : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (writeTimeoutMillis != 0 && left <= 0) {
                    close();
                    throw new SocketTimeoutException("write to " + peer + " blocked for more than "
                            + writeTimeoutMillis + " ms: the server stopped reading");
                }
                await(SelectionKey.OP_WRITE, left, "write to");
            }
        }
    }

    private void await(int op, long timeoutMillis, String what) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            if (selector.select(timeoutMillis) == 0 && op == SelectionKey.OP_READ) {
                throw new SocketTimeoutException(what + " " + peer + " timed out after " + timeoutMillis + " ms");
            }
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void setWriteTimeout(long millis) {
        writeTimeoutMillis = Math.max(0, millis);
    }

    @Override
    public boolean hasUnreadInput() {
        return false;
    }

    @Override
    public Connection startTls(TlsSettings tls, long timeoutMillis) throws IOException {
        throw new IOException("TLS over the Unix socket " + peer + " is not supported");
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public int receiveBufferBytes() {
        try {
            return channel.getOption(java.net.StandardSocketOptions.SO_RCVBUF);
        } catch (IOException | UnsupportedOperationException e) {
            return 64 * 1024;
        }
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is best effort: the connection is abandoned either way
        }
    }
}
