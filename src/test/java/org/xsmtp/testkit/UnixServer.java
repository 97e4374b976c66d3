package org.xsmtp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake server on a Unix domain socket in a fresh temporary directory: it accepts one connection and hands
 * its streams to a handler on a daemon thread. {@link #close()} closes everything and deletes the directory.
 */
public final class UnixServer implements AutoCloseable {

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

    private UnixServer(Handler handler) throws IOException {
        dir = Files.createTempDirectory("xsmtp-unix-");
        path = dir.resolve("lmtp.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(path), 1);
        Thread thread = new Thread(() -> serve(handler), "unix-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param handler what to do with the connection
     * @return the running server
     * @throws IOException when the socket cannot be made
     */
    public static UnixServer start(Handler handler) throws IOException {
        return new UnixServer(handler);
    }

    /** @return the socket file */
    public Path path() {
        return path;
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
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        SocketChannel c = accepted;
        if (c != null) {
            c.close();
        }
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
    }
}
