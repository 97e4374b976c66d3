package org.xsmtp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 that delays every byte by a fixed time in each direction, so a round trip through it
 * costs twice that delay on top of the loopback's own.
 *
 * <p>Each direction of each connection has a reader and a writer thread joined by a bounded queue of
 * timestamped segments: the reader stamps what it reads with its due time (arrival + delay) and goes on
 * reading at once, the writer sleeps until the head segment is due and forwards it. Nothing is serialised
 * behind a sleep, so bandwidth is limited only by the queue (up to {@value #QUEUE_SEGMENTS} segments of up to
 * {@value #SEGMENT} bytes in flight per direction), not by the delay: the link behaves like a long pipe.
 *
 * <p>It also counts <em>client turns</em>: bursts of client-to-server bytes that follow server-to-client bytes.
 * A client that waits for each reply before its next command makes one turn per command; a pipelining client
 * one per command group. Turns per message is the number of round trips a message costs.
 */
final class LatencyProxy implements AutoCloseable {
    private static final int SEGMENT = 64 * 1024;
    private static final int QUEUE_SEGMENTS = 1024;
    private static final int CLIENT_TO_SERVER = 1;
    private static final int SERVER_TO_CLIENT = 2;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final AtomicLong clientTurns = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param target where connections are forwarded
     * @param oneWayDelayMicros the delay added in each direction
     */
    LatencyProxy(InetSocketAddress target, long oneWayDelayMicros) throws IOException {
        this.target = target;
        this.delayNanos = TimeUnit.MICROSECONDS.toNanos(oneWayDelayMicros);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** @return client-to-server bursts that followed server-to-client data, over all connections so far */
    long clientTurns() {
        return clientTurns.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                server.connect(target, 5000);
                client.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                int[] last = {0};
                new Direction(client, server, CLIENT_TO_SERVER, last).start();
                new Direction(server, client, SERVER_TO_CLIENT, last).start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private record Segment(long due, byte[] bytes) {
    }

    /** One direction of one connection: a reader that timestamps, a writer that waits until due. */
    private final class Direction {
        private static final Segment EOF = new Segment(0, null);
        private final Socket from;
        private final Socket to;
        private final int kind;
        private final int[] last;
        private final BlockingQueue<Segment> queue = new ArrayBlockingQueue<>(QUEUE_SEGMENTS);

        Direction(Socket from, Socket to, int kind, int[] last) {
            this.from = from;
            this.to = to;
            this.kind = kind;
            this.last = last;
        }

        void start() {
            String name = (kind == CLIENT_TO_SERVER ? "c2s-" : "s2c-") + from.getPort();
            Thread reader = new Thread(this::read, "proxy-read-" + name);
            Thread writer = new Thread(this::write, "proxy-write-" + name);
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        private void read() {
            byte[] buffer = new byte[SEGMENT];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    long due = System.nanoTime() + delayNanos;
                    synchronized (last) {
                        if (kind == CLIENT_TO_SERVER && last[0] != CLIENT_TO_SERVER) {
                            clientTurns.incrementAndGet();
                        }
                        last[0] = kind;
                    }
                    queue.put(new Segment(due, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException e) {
                // connection closed
            }
            try {
                queue.put(EOF);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }

        private void write() {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Segment s = queue.take();
                    if (s == EOF) {
                        to.shutdownOutput();
                        return;
                    }
                    for (long wait; (wait = s.due() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(s.bytes());
                }
            } catch (IOException | InterruptedException e) {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
