package org.xsmtp.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** Opens connections: TCP (every address of the name in turn, as smtplib does), implicit TLS, Unix sockets. */
public final class Connector {
    private Connector() {
    }

    /**
     * Opens a TCP connection, trying each address the host name resolves to until one answers.
     *
     * @param host host name or address literal
     * @param port port
     * @param source local address and port to bind, or null for the system's choice
     * @param connectTimeoutMillis the longest each connection attempt may take
     * @param writeTimeoutMillis the longest a write may block, 0 for no limit
     * @return the connection
     * @throws IOException naming the host and port when no address answered
     */
    public static Connection tcp(String host, int port, InetSocketAddress source, long connectTimeoutMillis,
            long writeTimeoutMillis) throws IOException {
        Socket socket = connectSocket(host, port, source, connectTimeoutMillis);
        return new SocketConnection(socket, socket, host + ":" + port, writeTimeoutMillis);
    }

    /**
     * Opens a TCP connection and completes a TLS handshake on it before anything else is exchanged.
     *
     * @param host host name or address literal
     * @param port port
     * @param source local address and port to bind, or null
     * @param connectTimeoutMillis the longest the connection attempt and the whole handshake may each take
     * @param writeTimeoutMillis the longest a write may block, 0 for no limit
     * @param tls TLS settings
     * @return the encrypted connection
     * @throws IOException when the connection, the handshake or a certificate check failed
     */
    public static Connection tls(String host, int port, InetSocketAddress source, long connectTimeoutMillis,
            long writeTimeoutMillis, TlsSettings tls) throws IOException {
        Socket plain = connectSocket(host, port, source, connectTimeoutMillis);
        try {
            return new SocketConnection(TlsLayer.handshake(plain, tls, connectTimeoutMillis), plain,
                    host + ":" + port, writeTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Opens a Unix domain socket.
     *
     * @param path the socket file
     * @param connectTimeoutMillis the longest connecting may take (it blocks while the server's backlog is full)
     * @param writeTimeoutMillis the longest a write may block, 0 for no limit
     * @return the connection
     * @throws IOException naming the path when it does not exist, is not a socket or refuses the connection
     */
    public static Connection unix(Path path, long connectTimeoutMillis, long writeTimeoutMillis) throws IOException {
        return UnixConnection.open(path, connectTimeoutMillis, writeTimeoutMillis);
    }

    private static final int RECEIVE_BUFFER = 256 * 1024;

    private static Socket connectSocket(String host, int port, InetSocketAddress source, long timeoutMillis)
            throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            UnknownHostException named = new UnknownHostException("cannot resolve mail host '" + host + "'");
            named.initCause(e);
            throw named;
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                // room for the replies to a long pipelined group (see Connection.receiveBufferBytes); set before
                // connecting, where it can still shape the window; the system may grant less
                socket.setReceiveBufferSize(RECEIVE_BUFFER);
                if (source != null) {
                    socket.bind(source);
                }
                socket.connect(new InetSocketAddress(address, port),
                        (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        String where = host + ":" + port;
        IOException failure = last instanceof SocketTimeoutException
                ? new SocketTimeoutException("connecting to " + where + " timed out after " + timeoutMillis + " ms")
                : new ConnectException("cannot connect to " + where + ": " + (last == null ? "no address"
                        : last.getMessage()));
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }
}
