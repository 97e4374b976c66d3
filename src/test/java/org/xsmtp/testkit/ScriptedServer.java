package org.xsmtp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A fake SMTP server for transcript tests: it accepts connections on 127.0.0.1 (a free port), plays one
 * {@link Script} per connection and records every byte the client sends, so tests assert the exact bytes on
 * the wire. A script that cannot be followed (the client sent less than expected, or closed early) fails
 * the test when the transcript is asked for.
 */
public final class ScriptedServer implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket listener;
    private final List<Script> scripts;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Socket> sockets = new ArrayList<>();
    private volatile Throwable failure;
    private volatile int connections;
    private final List<Integer> remotePorts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<SSLSession> tlsSessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<IOException> tlsFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Dialog dialog;

    private ScriptedServer(List<Script> scripts, Dialog dialog) throws IOException {
        this.scripts = scripts;
        this.dialog = dialog;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "scripted-smtp-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param script what to do on the first connection
     * @return the running server
     * @throws IOException when the port cannot be opened
     */
    public static ScriptedServer start(Consumer<Script> script) throws IOException {
        Script s = new Script();
        script.accept(s);
        return new ScriptedServer(List.of(s), null);
    }

    /**
     * A reactive server: one connection, answering each command by the dialog's rules until QUIT or a close.
     *
     * @param dialog the rules
     * @return the running server
     * @throws IOException when the port cannot be opened
     */
    public static ScriptedServer start(Dialog dialog) throws IOException {
        return new ScriptedServer(List.of(new Script()), dialog);
    }

    /**
     * @param scripts one script per connection, in order
     * @return the running server
     * @throws IOException when the port cannot be opened
     */
    public static ScriptedServer start(List<Script> scripts) throws IOException {
        return new ScriptedServer(List.copyOf(scripts), null);
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return {@code 127.0.0.1:port} */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /**
     * Waits for every script to finish and returns what the client sent.
     *
     * @return all client bytes as ISO-8859-1 text (one char per byte)
     */
    public String transcript() {
        return new String(transcriptBytes(), StandardCharsets.ISO_8859_1);
    }

    /** @return all client bytes, after every script finished */
    public byte[] transcriptBytes() {
        await();
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** @return what the client sent so far, without waiting */
    public String receivedSoFar() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** @return the client port of each accepted connection */
    public List<Integer> remotePorts() {
        return remotePorts;
    }

    /** @return the server side of each completed TLS handshake, in order (for SNI: ExtendedSSLSession) */
    public List<SSLSession> tlsSessions() {
        return tlsSessions;
    }

    /** @return the server's error for each handshake the client aborted ({@link Script#tlsRefused}), in order */
    public List<IOException> tlsFailures() {
        return tlsFailures;
    }

    /** @return how many connections were accepted */
    public int connections() {
        return connections;
    }

    private void await() {
        try {
            if (!finished.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("script not finished after 20 s; client sent so far: " + receivedSoFar());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure != null) {
            throw new AssertionError("script failed: " + failure + "; client sent: " + receivedSoFar(), failure);
        }
    }

    private void serve() {
        try {
            for (Script script : scripts) {
                try (Socket socket = listener.accept()) {
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    connections++;
                    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                    socket.setTcpNoDelay(true);
                    remotePorts.add(socket.getPort());
                    Player player = new Player(socket, received, tlsSessions, tlsFailures);
                    if (dialog != null) {
                        player.converse(dialog);
                    } else {
                        player.play(script);
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished.countDown();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // test teardown
        }
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // test teardown
                }
            }
        }
    }

    /** Plays one script on one connection. */
    private static final class Player {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final ByteArrayOutputStream received;
        private final List<SSLSession> tlsSessions;
        private final List<IOException> tlsFailures;

        Player(Socket socket, ByteArrayOutputStream received, List<SSLSession> tlsSessions,
                List<IOException> tlsFailures) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.received = received;
            this.tlsSessions = tlsSessions;
            this.tlsFailures = tlsFailures;
        }

        void play(Script script) throws IOException, InterruptedException {
            for (Script.Step step : script.steps) {
                if (step instanceof Script.Send s) {
                    send(s);
                } else if (step instanceof Script.ReadLines r) {
                    for (int i = 0; i < r.count(); i++) {
                        readLine();
                    }
                } else if (step instanceof Script.ReadData) {
                    readUntil("\r\n.\r\n", "\r\n");
                } else if (step instanceof Script.ReadBytes r) {
                    readExactly(r.count());
                } else if (step instanceof Script.ReadBdat) {
                    String line = readLine();
                    String[] parts = line.trim().split(" ");
                    if (parts.length < 2 || !parts[0].equals("BDAT")) {
                        throw new IOException("expected BDAT, got " + line);
                    }
                    readExactly(Integer.parseInt(parts[1]));
                } else if (step instanceof Script.ReadToEnd) {
                    while (readByte() >= 0) {
                        // recorded by readByte
                    }
                } else if (step instanceof Script.Pause p) {
                    Thread.sleep(p.millis());
                } else if (step instanceof Script.Close) {
                    socket.close();
                    return;
                } else if (step instanceof Script.Tls t) {
                    SSLSocket ssl = serverSocket(t.context());
                    ssl.startHandshake();
                    tlsSessions.add(ssl.getSession());
                    socket = ssl;
                    in = new java.io.BufferedInputStream(ssl.getInputStream());
                    out = ssl.getOutputStream();
                } else if (step instanceof Script.TlsRefused t) {
                    SSLSocket ssl = serverSocket(t.context());
                    try {
                        ssl.startHandshake();
                    } catch (IOException expected) {
                        tlsFailures.add(expected);
                        ssl.close();
                        return;
                    }
                    ssl.close();
                    throw new IOException("the client completed a TLS handshake it should have refused");
                } else if (step instanceof Script.Respond r) {
                    String line = readLine();
                    write(r.responder().apply(line.substring(0, line.length() - 2)), StandardCharsets.ISO_8859_1);
                }
            }
        }

        void converse(Dialog dialog) throws IOException, InterruptedException {
            write(dialog.greeting);
            while (true) {
                String line;
                try {
                    line = readLine();
                } catch (IOException e) {
                    return;
                }
                String command = line.substring(0, line.length() - 2);
                Dialog.Reaction reaction = dialog.react(command);
                if (reaction.reply() != null && reaction.reply().startsWith("354")) {
                    write(reaction.reply());
                    try {
                        readUntil("\r\n.\r\n", "\r\n");
                    } catch (IOException clientGone) {
                        return;
                    }
                    reaction = dialog.reactToEndOfData();
                } else if (command.startsWith("BDAT ")) {
                    readExactly(Integer.parseInt(command.split(" ")[1]));
                }
                Thread.sleep(reaction.delayMillis());
                if (reaction.reply() != null) {
                    write(reaction.reply());
                }
                if (reaction.close()) {
                    socket.close();
                    return;
                }
            }
        }

        private SSLSocket serverSocket(SSLContext context) throws IOException {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            return ssl;
        }

        private void write(String text) throws IOException {
            write(text, StandardCharsets.UTF_8);
        }

        private void write(String text, java.nio.charset.Charset charset) throws IOException {
            out.write(text.getBytes(charset));
            out.flush();
        }

        private void send(Script.Send s) throws IOException, InterruptedException {
            if (s.chunk() <= 0) {
                out.write(s.bytes());
                out.flush();
                return;
            }
            for (int i = 0; i < s.bytes().length; i += s.chunk()) {
                out.write(s.bytes(), i, Math.min(s.chunk(), s.bytes().length - i));
                out.flush();
                Thread.sleep(s.pauseMillis());
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int prev = -1;
            while (true) {
                int b = readByte();
                if (b < 0) {
                    throw new IOException("client closed before sending a full line; got: " + line);
                }
                line.append((char) b);
                if (prev == '\r' && b == '\n') {
                    return line.toString();
                }
                prev = b;
            }
        }

        /** Reads up to {@code end}; {@code before} counts as already read (the CRLF ending the DATA line). */
        private void readUntil(String end, String before) throws IOException {
            StringBuilder tail = new StringBuilder(before);
            while (true) {
                int b = readByte();
                if (b < 0) {
                    throw new IOException("client closed before " + end.replace("\r\n", "\\r\\n"));
                }
                tail.append((char) b);
                if (tail.length() > end.length()) {
                    tail.deleteCharAt(0);
                }
                if (tail.toString().equals(end)) {
                    return;
                }
            }
        }

        private void readExactly(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                if (readByte() < 0) {
                    throw new IOException("client closed after " + i + " of " + n + " bytes");
                }
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b >= 0) {
                synchronized (received) {
                    received.write(b);
                }
            }
            return b;
        }
    }
}
