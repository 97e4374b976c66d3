package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.GeneratedMessage;
import org.xsmtp.testkit.StreamServer;

/**
 * The Unix socket path (LMTP to a local delivery agent) has the same limits as TCP: connecting to a server
 * that does not accept, a trickled greeting, and writes to a server that stopped reading all end within
 * their limit.
 */
class UnixSocketLimitsTest {
    private static final Duration LIMIT = Duration.ofMillis(500);
    private static final Duration LONG = Duration.ofSeconds(10);
    private static final Duration GUARD = Duration.ofSeconds(15);

    private static SmtpOptions options(SmtpTimeouts timeouts) {
        return SmtpOptions.builder().localHostname("me.test").timeouts(timeouts).build();
    }

    @Test
    void connectingToAServerWhoseBacklogIsFullTimesOut() throws Exception {
        Path dir = Files.createTempDirectory("xsmtp-unix-");
        Path path = dir.resolve("full.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(path), 1);
            fillBacklog(path, queued);
            LmtpClient client = new LmtpClient(options(new SmtpTimeouts(LIMIT, LONG, LONG, LONG, LONG, LONG)));
            IOException thrown = assertTimeoutPreemptively(GUARD,
                    () -> assertThrows(IOException.class, () -> client.connect(path.toString(), 0)));
            SocketTimeoutException timeout = assertInstanceOf(SocketTimeoutException.class, thrown);
            assertTrue(timeout.getMessage().contains("timed out after 500 ms"), timeout.getMessage());
            assertFalse(client.isConnected());
        } finally {
            for (SocketChannel c : queued) {
                c.close();
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    /** Queues non-blocking connections until the kernel refuses more: a blocking connect would now wait. */
    private static void fillBacklog(Path path, List<SocketChannel> queued) throws IOException {
        for (int i = 0; i < 64; i++) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            c.configureBlocking(false);
            queued.add(c);
            try {
                c.connect(UnixDomainSocketAddress.of(path));
            } catch (SocketException full) {
                return;
            }
        }
        throw new AssertionError("the backlog of " + path + " never filled");
    }

    @Test
    void aTrickledGreetingCannotStretchItsLimit() throws Exception {
        try (StreamServer server = StreamServer.unix((in, out) -> {
            for (char c : ("220 " + "x".repeat(80) + "\r\n").toCharArray()) {
                StreamServer.write(out, String.valueOf(c));
                Thread.sleep(100);
            }
        })) {
            LmtpClient client = new LmtpClient(options(new SmtpTimeouts(LONG, LIMIT, LONG, LONG, LONG, LONG)));
            SmtpTimeoutException timeout = assertTimeoutPreemptively(GUARD, () -> assertThrows(
                    SmtpTimeoutException.class, () -> client.connect(server.path().toString(), 0)));
            assertTrue(timeout.getMessage().contains("within 500 ms"), timeout.getMessage());
            assertFalse(client.isConnected());
        }
    }

    @Test
    void dataToAServerThatStopsReadingTimesOut() throws Exception {
        try (StreamServer server = StreamServer.unix((in, out) -> {
            StreamServer.write(out, "220 lmtp ready\r\n");
            for (String reply : List.of("250 x", "250 ok", "250 ok", "354 go")) {
                StreamServer.line(in);
                StreamServer.write(out, reply + "\r\n");
            }
            Thread.sleep(30_000);
        })) {
            Duration block = Duration.ofSeconds(1);
            LmtpClient client = new LmtpClient(server.path().toString(), 0,
                    options(new SmtpTimeouts(LONG, LONG, LONG, LONG, block, LONG)));
            GeneratedMessage message = new GeneratedMessage(64L << 20);
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(SmtpException.class, () -> {
                client.ehlo();
                client.mail("a@x.test");
                client.rcpt("b@y.test");
                client.data(message);
            }));
            assertEquals(SmtpTimeoutException.class, thrown.getClass(), () -> "got " + thrown);
            SocketTimeoutException cause = assertInstanceOf(SocketTimeoutException.class, thrown.getCause());
            assertTrue(cause.getMessage().contains("blocked for more than 1000 ms"), cause.getMessage());
            assertTrue(message.produced() < message.size(), "the whole message was read");
            assertFalse(client.isConnected());
        }
    }
}
