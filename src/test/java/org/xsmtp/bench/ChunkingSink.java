package org.xsmtp.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The benchmark's fallback sink when Postfix cannot run: an in-JVM SMTP server that offers PIPELINING,
 * CHUNKING and SIZE, accepts every envelope and throws the content away. Replies are buffered and flushed
 * when no more input is waiting, as Postfix does, so pipelined command groups get their replies in one write.
 * It shares the JVM (and the two cores) with the clients, which the benchmark output says when it is used.
 */
final class ChunkingSink implements AutoCloseable {
    private final ServerSocket listener;
    private volatile boolean closed;

    ChunkingSink() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "chunking-sink");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "chunking-sink-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            reply(out, in, "220 bench-sink ESMTP");
            byte[] skip = new byte[64 * 1024];
            for (String line; (line = readLine(in)) != null; ) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, in, "250-bench-sink\r\n250-PIPELINING\r\n250-SIZE 0\r\n250-8BITMIME\r\n"
                            + "250-ENHANCEDSTATUSCODES\r\n250 CHUNKING");
                } else if (upper.startsWith("HELO") || upper.startsWith("MAIL") || upper.startsWith("RSET")
                        || upper.startsWith("NOOP")) {
                    reply(out, in, "250 2.0.0 Ok");
                } else if (upper.startsWith("RCPT")) {
                    reply(out, in, "250 2.1.5 Ok");
                } else if (upper.equals("DATA")) {
                    reply(out, in, "354 End data with <CR><LF>.<CR><LF>");
                    for (int n; (n = readLineInto(in, skip)) >= 0 && !(n == 1 && skip[0] == '.'); ) {
                        // discarded, without allocating: the benchmark watches this JVM's heap
                    }
                    reply(out, in, "250 2.0.0 Ok: queued");
                } else if (upper.startsWith("BDAT")) {
                    String[] parts = upper.split(" ");
                    long left = Long.parseLong(parts[1]);
                    while (left > 0) {
                        int n = in.read(skip, 0, (int) Math.min(skip.length, left));
                        if (n < 0) {
                            return;
                        }
                        left -= n;
                    }
                    reply(out, in, parts.length > 2 ? "250 2.0.0 Ok: queued" : "250 2.0.0 Ok: chunk");
                } else if (upper.startsWith("QUIT")) {
                    out.write("221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                } else {
                    reply(out, in, "500 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException | RuntimeException e) {
            // client gone
        }
    }

    private static void reply(OutputStream out, InputStream in, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        if (in.available() == 0) {
            out.flush();
        }
    }

    /** Reads a line into {@code buf} (cut at its size), without CRLF; -1 at the end of the stream. */
    private static int readLineInto(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return n > 0 && n <= buf.length && buf[n - 1] == '\r' ? n - 1 : n;
            }
            if (n < buf.length) {
                buf[n] = (byte) b;
            }
            n++;
        }
        return -1;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
