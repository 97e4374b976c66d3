package org.xsmtp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake server for what a {@link Script} cannot express (endless or generated replies, Unix sockets): it
 * accepts one connection, on 127.0.0.1 (a free port) or on a Unix domain socket in a fresh temporary
 * directory, and hands its streams to a handler on a daemon thread. {@link #close()} closes everything.
 */
public final class StreamServer implements AutoCloseable {

    /** What the server does with its one connection. */
    public interface Handler {
        /**
         * @param in bytes from the client
         * @param out bytes to the client
         * @throws Exception to end the connection (the client going away is expected)
         */
        void handle(InputStream in, OutputStream out) throws Exception;
    }

    private final Path dir;
    private final Path path;
    private final ServerSocketChannel listener;
    private volatile SocketChannel accepted;
    private final CountDownLatch done = new CountDownLatch(1);

    private StreamServer(Handler handler, boolean unix) throws IOException {
        if (unix) {
            dir = Files.createTempDirectory("xsmtp-unix-");
            path = dir.resolve("lmtp.sock");
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(path), 1);
        } else {
            dir = null;
            path = null;
            listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        }
        Thread thread = new Thread(() -> serve(handler), "stream-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param handler what to do with the connection
     * @return a server on a Unix socket
     * @throws IOException when the socket cannot be made
     */
    public static StreamServer unix(Handler handler) throws IOException {
        return new StreamServer(handler, true);
    }

    /**
     * @param handler what to do with the connection
     * @return a server on 127.0.0.1
     * @throws IOException when the socket cannot be made
     */
    public static StreamServer tcp(Handler handler) throws IOException {
        return new StreamServer(handler, false);
    }

    /** @return the socket file of a Unix socket server */
    public Path path() {
        return path;
    }

    /** @return the port of a TCP server */
    public int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /**
     * Reads until the client closes, discarding the bytes.
     *
     * @param in the stream
     */
    public static void drain(InputStream in) {
        try {
            byte[] b = new byte[8192];
            while (in.read(b) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // the client is gone either way
        }
    }

    /**
     * Reads one line up to LF.
     *
     * @param in the stream
     * @return the line without CRLF
     * @throws IOException when the stream ends first
     */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("client closed; got " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /**
     * Writes text and flushes.
     *
     * @param out the stream
     * @param text ASCII text
     * @throws IOException when the client is gone
     */
    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void serve(Handler handler) {
        try (SocketChannel channel = listener.accept()) {
            accepted = channel;
            handler.handle(Channels.newInputStream(channel), Channels.newOutputStream(channel));
        } catch (Exception ignored) {
            // the client went away or the test closed the server
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits until the handler has returned (for a handler that reads to the end: until the client closed).
     *
     * @param limit how long to wait
     * @throws InterruptedException when interrupted
     */
    public void awaitHandler(Duration limit) throws InterruptedException {
        if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server handler still running after " + limit);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        SocketChannel c = accepted;
        if (c != null) {
            c.close();
        }
        if (dir != null) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }
}
