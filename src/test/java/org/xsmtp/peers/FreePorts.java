package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Loopback port helpers for test peers.
 *
 * <p>A port picked here is free when picked; a peer that binds it later can still lose a
 * race with another process, so peers that take a port from here retry with a new one
 * when their server fails to start.
 */
public final class FreePorts {

    /** The loopback address every test peer listens on. */
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /** Returns a TCP port on 127.0.0.1 that nothing listened on a moment ago. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pick a free loopback port", e);
        }
    }

    /** Tells whether something accepts TCP connections on 127.0.0.1:{@code port} now. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
