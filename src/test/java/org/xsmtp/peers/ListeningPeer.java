package org.xsmtp.peers;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * A server process a test started, listening on a loopback port or a Unix socket, with a temporary directory of
 * its own; {@link #close()} stops the process and deletes the directory.
 */
public abstract class ListeningPeer implements AutoCloseable {
    private final TempDir temp;
    private final PeerProcess process;
    private final SocketAddress address;

    ListeningPeer(TempDir temp, PeerProcess process, SocketAddress address) {
        this.temp = temp;
        this.process = process;
        this.address = address;
    }

    /** The listening address: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
    public SocketAddress address() {
        return address;
    }

    /** The TCP port; fails for a Unix socket server. */
    public int port() {
        return ((InetSocketAddress) address).getPort();
    }

    /** The Unix socket path; fails for a TCP server. */
    public Path socketPath() {
        return ((UnixDomainSocketAddress) address).getPath();
    }

    /** The running process. */
    public PeerProcess process() {
        return process;
    }

    /** Stops the process (SIGTERM, then SIGKILL) and deletes its directory. */
    @Override
    public void close() {
        try {
            process.close();
        } finally {
            temp.close();
        }
    }
}
