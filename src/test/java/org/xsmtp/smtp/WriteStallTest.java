package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.GeneratedMessage;
import org.xsmtp.testkit.ScriptedServer;
import org.xsmtp.testkit.ServerTlsContext;

/**
 * A server that stops reading while the client sends a large message: the write blocks once the socket
 * buffers are full, and the dataBlock limit must end it with {@link SmtpTimeoutException}, a closed connection
 * and no claim about delivery (the data was not complete, so the outcome is not unknown but failed). Over TLS
 * too, where closing a socket whose writer is blocked inside the TLS layer would deadlock if the watchdog
 * closed the TLS socket rather than the TCP socket under it.
 */
class WriteStallTest {
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final Duration GUARD = Duration.ofSeconds(20);
    private static final long SIZE = 64L << 20;

    private static SmtpOptions options(boolean chunking) {
        Duration other = Duration.ofSeconds(10);
        return SmtpOptions.builder().localHostname("me.test").pipelining(false).chunking(chunking)
                .sslContext(chunking ? null : ServerTlsContext.clientTrustingCa())
                .timeouts(new SmtpTimeouts(other, other, other, other, BLOCK, other)).build();
    }

    private static void assertWriteTimeout(SmtpClient client, Throwable thrown) {
        assertEquals(SmtpTimeoutException.class, thrown.getClass(), () -> "got " + thrown);
        SocketTimeoutException cause = assertInstanceOf(SocketTimeoutException.class, thrown.getCause());
        assertTrue(cause.getMessage().contains("blocked for more than " + BLOCK.toMillis() + " ms"), cause.getMessage());
        assertFalse(client.isConnected());
    }

    @Test
    void dataToAServerThatStopsReadingTimesOut() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read().reply("250 x")
                .read().reply("250 ok").read().reply("250 ok").read().reply("354 go").pause(30_000))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options(false));
            GeneratedMessage message = new GeneratedMessage(SIZE);
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(SmtpException.class, () -> {
                client.ehlo();
                client.mail("a@x.test");
                client.rcpt("b@y.test");
                client.data(message);
            }));
            assertWriteTimeout(client, thrown);
            assertTrue(message.produced() < message.size(), "the whole message was read: " + message.produced());
        }
    }

    /**
     * The limit is for a server that stops reading: one that reads a 16 MiB message steadily but slowly (about
     * 12 MB/s, so the whole message takes longer than the limit) gets all of it. sendmail(byte[]) hands the
     * encoder the whole array, so only writing it in slices, each with the full limit, lets it through.
     */
    @Test
    void aServerThatReadsSlowlyButSteadilyGetsTheWholeMessage() throws Exception {
        byte[] content = GeneratedMessage.bytes(16 << 20);
        org.xsmtp.testkit.Script script = new org.xsmtp.testkit.Script().reply("220 x").read().reply("250 x")
                .read().reply("250 ok").read().reply("250 ok").read().reply("354 go");
        for (int i = 0; i < 120; i++) {
            script.readBytes(128 << 10).pause(10);
        }
        script.readData().reply("250 queued").read().reply("221 bye");
        try (ScriptedServer server = ScriptedServer.start(List.of(script))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), SmtpOptions.builder()
                    .localHostname("me.test").pipelining(false).timeouts(new SmtpTimeouts(Duration.ofSeconds(10),
                            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                            Duration.ofMillis(500), Duration.ofSeconds(10))).build());
            assertTimeoutPreemptively(GUARD, () -> {
                assertEquals(java.util.Map.of(), client.sendmail("a@x.test", List.of("b@y.test"), content));
                client.close();
            });
            assertTrue(client.lastRecipientResults().get(0).delivered());
        }
    }

    /**
     * BINARYMIME hands the caller's array to BDAT as one chunk, so the stall is in one write (text content is
     * chunked at 256 KiB, and a stall there shows as a chunk reply that does not come: the command limit).
     */
    @Test
    void bdatToAServerThatStopsReadingTimesOut() throws Exception {
        byte[] content = GeneratedMessage.bytes(32 << 20);
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read()
                .reply("250-x", "250-CHUNKING", "250 BINARYMIME")
                .read().reply("250 ok").read().reply("250 ok").pause(30_000))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options(true));
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(SmtpException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), content, List.of("BODY=BINARYMIME"),
                            List.of())));
            assertWriteTimeout(client, thrown);
            assertFalse(client.lastRecipientResults().get(0).delivered());
        }
    }

    @Test
    void dataOverStartTlsToAServerThatStopsReadingTimesOut() throws Exception {
        javax.net.ssl.SSLContext serverTls = ServerTlsContext.localhost();
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read().reply("250-x", "250 STARTTLS")
                .read().reply("220 go").tls(serverTls).read().reply("250 x")
                .read().reply("250 ok").read().reply("250 ok").read().reply("354 go").pause(30_000))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options(false));
            GeneratedMessage message = new GeneratedMessage(SIZE);
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(SmtpException.class, () -> {
                client.starttls();
                client.mail("a@x.test");
                client.rcpt("b@y.test");
                client.data(message);
            }));
            assertWriteTimeout(client, thrown);
            assertTrue(message.produced() < message.size(), "the whole message was read: " + message.produced());
        }
    }
}
