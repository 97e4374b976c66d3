package org.xsmtp.peers;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A few lines of raw SMTP/LMTP over a plain socket, for testing the peers themselves
 * without the project's client. Replies are returned as received, lines joined with
 * {@code \n} (no trailing newline). TCP reads time out after 10 s; Unix socket reads rely
 * on the test's own {@code @Timeout}.
 */
public final class RawSmtp implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Closeable connection;
    private final Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawSmtp(Closeable connection, Socket socket, InputStream in, OutputStream out) {
        this.connection = connection;
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** Connects to a TCP or Unix socket address (no greeting read yet). */
    public static RawSmtp connect(SocketAddress address) {
        try {
            if (address instanceof UnixDomainSocketAddress) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(address);
                return new RawSmtp(channel, null, Channels.newInputStream(channel), Channels.newOutputStream(channel));
            }
            Socket socket = new Socket();
            socket.connect(address, READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new RawSmtp(socket, socket, socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /** Connects to 127.0.0.1:{@code port} with TLS from the first byte (implicit TLS). */
    public static RawSmtp connectTls(int port, SSLContext context) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket();
        ssl.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), READ_TIMEOUT_MILLIS);
        ssl.setSoTimeout(READ_TIMEOUT_MILLIS);
        ssl.startHandshake();
        return new RawSmtp(ssl, ssl, ssl.getInputStream(), ssl.getOutputStream());
    }

    /** Reads one complete (possibly multi-line) reply. */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = readLine();
            if (reply.length() > 0) {
                reply.append('\n');
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    /** Sends {@code line} plus CRLF and returns the reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Sends raw text (UTF-8) without adding anything. */
    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Layers TLS over the open TCP connection (after a 220 reply to STARTTLS), presenting
     * {@code host} as SNI, and completes the handshake.
     */
    public SSLSession startTls(SSLContext context, String host) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        return ssl.getSession();
    }

    /** The TLS session of an implicit-TLS connection ({@link #connectTls}). */
    public SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /** Tells whether the server has closed the connection (reads end of stream). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + line.toString(StandardCharsets.UTF_8));
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }
}
