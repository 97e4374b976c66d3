package org.xsmtp.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.peers.AiosmtpdPeer;
import org.xsmtp.peers.SinkMessage;
import org.xsmtp.peers.SmtpSinkPeer;
import org.xsmtp.peers.StoredMessage;
import org.xsmtp.smtp.LmtpClient;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpOutcomeUnknownException;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;

/**
 * Issue #4 acceptance: {@link LmtpClient} against real LMTP servers, smtp-sink {@code -L} and aiosmtpd's LMTP,
 * over TCP and Unix sockets: one reply per accepted recipient after the data, refusals at either stage,
 * duplicate recipients, the low-level commands, and socket paths that are not sockets.
 */
@Timeout(60)
class LmtpAcceptanceTest {
    private static final String FROM = "sender@x.test";
    private static final List<String> TO = List.of("a@y.test", "b@y.test", "c@y.test");
    private static final String MESSAGE = "From: sender@x.test\r\nTo: a@y.test\r\nSubject: lmtp\r\n\r\nline 1\r\n"
            + ".dot line\r\nlast\r\n";
    private static final Reply SINK_DELIVERED = new Reply(250, "2.2.0 Ok");
    private static final Reply SINK_FAILED = new Reply(500, "5.3.0 Error: command failed");

    private static SmtpOptions options() {
        return SmtpOptions.builder().localHostname("client.test").timeout(Duration.ofSeconds(10)).build();
    }

    private static LmtpClient connect(SmtpSinkPeer sink, boolean unix) throws IOException {
        return unix ? new LmtpClient(sink.socketPath().toString(), 0, options())
                : new LmtpClient("127.0.0.1", sink.port(), options());
    }

    private static LmtpClient connect(AiosmtpdPeer peer, boolean unix) throws IOException {
        return unix ? new LmtpClient(peer.socketPath().toString(), 0, options())
                : new LmtpClient("127.0.0.1", peer.port(), options());
    }

    private static SmtpSinkPeer.Builder sink(boolean unix, String... flags) {
        SmtpSinkPeer.Builder b = SmtpSinkPeer.builder().flags("-L").flags(flags).capture();
        return unix ? b.unixSocket() : b;
    }

    // ---- B1: smtp-sink -L ----

    @ParameterizedTest(name = "unix={0}")
    @ValueSource(booleans = {true, false})
    void everyRecipientGetsItsOwnReply(boolean unix) throws Exception {
        try (SmtpSinkPeer sink = sink(unix).start()) {
            try (LmtpClient client = connect(sink, unix)) {
                assertEquals(Map.of(), client.sendmail(FROM, TO, MESSAGE));
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(TO, results.stream().map(RecipientResult::recipient).toList());
                for (RecipientResult r : results) {
                    assertEquals(new Reply(250, "2.1.5 Ok"), r.rcptReply());
                    assertEquals(SINK_DELIVERED, r.finalReply());
                    assertTrue(r.delivered(), r.toString());
                }
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            }
            SinkMessage m = sink.awaitMessages(1).get(0);
            assertEquals("LMTP", m.clientProto());
            assertEquals("client.test", m.heloArgs());
            assertEquals("<sender@x.test>", m.mailArgs());
            assertEquals(List.of("<a@y.test>", "<b@y.test>", "<c@y.test>"), m.rcptArgs());
            assertEquals(MESSAGE.replace("\r\n", "\n"), m.content());
        }
    }

    @ParameterizedTest(name = "unix={0}")
    @ValueSource(booleans = {true, false})
    void everyRecipientRefusedAtRcpt(boolean unix) throws Exception {
        try (SmtpSinkPeer sink = sink(unix, "-f", "RCPT").start()) {
            try (LmtpClient client = connect(sink, unix)) {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail(FROM, TO, MESSAGE));
                assertEquals(allWith(SINK_FAILED), e.recipients());
                assertTrue(e.results().stream().allMatch(r -> SINK_FAILED.equals(r.rcptReply())
                        && r.finalReply() == null), e.results().toString());
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            }
            assertEquals(0, sink.completedCount());
        }
    }

    @ParameterizedTest(name = "unix={0}")
    @ValueSource(booleans = {true, false})
    void everyRecipientRefusedAfterTheData(boolean unix) throws Exception {
        try (SmtpSinkPeer sink = sink(unix, "-f", ".").start()) {
            try (LmtpClient client = connect(sink, unix)) {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail(FROM, TO, MESSAGE));
                assertEquals(allWith(SINK_FAILED), e.recipients());
                assertEquals(List.copyOf(TO), List.copyOf(e.recipients().keySet()));
                assertEquals(3, e.results().size());
                for (RecipientResult r : e.results()) {
                    assertEquals(new Reply(250, "2.1.5 Ok"), r.rcptReply());
                    assertEquals(SINK_FAILED, r.finalReply());
                    assertFalse(r.unconfirmed());
                    assertFalse(r.delivered());
                }
                assertEquals(e.results(), client.lastRecipientResults());
                // all three 500 lines were read: the next reply belongs to NOOP
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            }
            // smtp-sink dumps the message although it refuses it
            assertEquals(MESSAGE.replace("\r\n", "\n"), sink.awaitMessages(1).get(0).content());
        }
    }

    @Test
    void dropAfterTheEndOfDataLeavesEveryRecipientUnconfirmed() throws Exception {
        try (SmtpSinkPeer sink = sink(true, "-q", ".").start()) {
            LmtpClient client = connect(sink, true);
            try {
                SmtpOutcomeUnknownException e = assertThrows(SmtpOutcomeUnknownException.class,
                        () -> client.sendmail(FROM, TO, MESSAGE));
                assertFalse(client.isConnected());
                assertEquals(TO, e.recipients().stream().map(RecipientResult::recipient).toList());
                assertTrue(e.recipients().stream().allMatch(r -> r.unconfirmed() && !r.delivered()),
                        e.recipients().toString());
                assertEquals(e.recipients(), client.lastRecipientResults());
            } finally {
                client.close();
            }
            assertEquals(MESSAGE.replace("\r\n", "\n"), sink.awaitMessages(1).get(0).content());
        }
    }

    private static Map<String, Reply> allWith(Reply reply) {
        Map<String, Reply> m = new LinkedHashMap<>();
        TO.forEach(r -> m.put(r, reply));
        return m;
    }

    // ---- B2: aiosmtpd LMTP, refusals at RCPT and after the data ----

    @ParameterizedTest(name = "unix={0}")
    @ValueSource(booleans = {true, false})
    void someRecipientsRefusedAtRcptOrAfterTheData(boolean unix) throws Exception {
        AiosmtpdPeer.Builder builder = AiosmtpdPeer.builder().lmtp()
                .rejectRecipient("b@y.test", "550 5.1.1 No such user")
                .failAtData("c@y.test", "452 4.2.2 Mailbox full");
        try (AiosmtpdPeer peer = (unix ? builder.unixSocket() : builder).start()) {
            List<String> to = List.of("a@y.test", "b@y.test", "c@y.test", "d@y.test");
            try (LmtpClient client = connect(peer, unix)) {
                Map<String, Reply> refused = client.sendmail(FROM, to, MESSAGE);
                Map<String, Reply> expected = new LinkedHashMap<>();
                expected.put("b@y.test", new Reply(550, "5.1.1 No such user"));
                expected.put("c@y.test", new Reply(452, "4.2.2 Mailbox full"));
                assertEquals(expected, refused);
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(to, results.stream().map(RecipientResult::recipient).toList());
                assertEquals(List.of(true, false, false, true), results.stream().map(RecipientResult::delivered).toList());
                assertEquals(new Reply(250, "2.0.0 OK <a@y.test>"), results.get(0).finalReply());
                assertNull(results.get(1).finalReply());
                assertEquals(new Reply(550, "5.1.1 No such user"), results.get(1).rcptReply());
                assertEquals(new Reply(250, "2.1.5 OK"), results.get(2).rcptReply());
                assertEquals(new Reply(452, "4.2.2 Mailbox full"), results.get(2).finalReply());
                assertEquals("4.2.2", results.get(2).decisive().enhancedStatus());
                assertEquals(new Reply(250, "2.0.0 OK <d@y.test>"), results.get(3).finalReply());
                assertEquals(250, client.noop().code());
            }
            StoredMessage m = peer.awaitMessages(1).get(0);
            assertEquals("client.test", m.helo());
            assertEquals(FROM, m.mailFrom());
            assertEquals(List.of("a@y.test", "c@y.test", "d@y.test"), m.rcptTos());
            assertEquals(List.of("a@y.test", "d@y.test"), m.delivered());
            assertArrayEquals(MESSAGE.getBytes(StandardCharsets.US_ASCII), m.content());
        }
    }

    // ---- B3: duplicate recipients ----

    @Test
    void duplicateRecipientsAreKeptApart() throws Exception {
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().lmtp().failAtData("c@y.test", "452 4.2.2 Mailbox full")
                .start()) {
            List<String> to = List.of("a@y.test", "c@y.test", "a@y.test", "c@y.test");
            try (LmtpClient client = connect(peer, false)) {
                Map<String, Reply> refused = client.sendmail(FROM, to, MESSAGE);
                assertEquals(Map.of("c@y.test", new Reply(452, "4.2.2 Mailbox full")), refused);
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(4, results.size());
                assertEquals(to, results.stream().map(RecipientResult::recipient).toList());
                assertEquals(List.of(true, false, true, false), results.stream().map(RecipientResult::delivered).toList());
                assertEquals(new Reply(250, "2.0.0 OK <a@y.test>"), results.get(0).finalReply());
                assertEquals(new Reply(250, "2.0.0 OK <a@y.test>"), results.get(2).finalReply());
                assertEquals(new Reply(452, "4.2.2 Mailbox full"), results.get(1).finalReply());
                assertEquals(new Reply(452, "4.2.2 Mailbox full"), results.get(3).finalReply());
                // four replies were read, not three: NOOP gets its own
                assertEquals(250, client.noop().code());
            }
            StoredMessage m = peer.awaitMessages(1).get(0);
            assertEquals(to, m.rcptTos());
            assertEquals(List.of("a@y.test", "a@y.test"), m.delivered());
        }
    }

    // ---- B4: low-level commands ----

    @ParameterizedTest(name = "unix={0}")
    @ValueSource(booleans = {true, false})
    void lowLevelDataReadsEveryRecipientsReply(boolean unix) throws Exception {
        try (SmtpSinkPeer sink = sink(unix).start()) {
            try (LmtpClient client = connect(sink, unix)) {
                assertEquals(250, client.ehlo().code());
                assertTrue(client.hasExtn("pipelining"));
                assertEquals(new Reply(250, "2.1.0 Ok"), client.mail(FROM));
                for (String r : TO) {
                    assertEquals(new Reply(250, "2.1.5 Ok"), client.rcpt(r));
                }
                assertEquals(SINK_DELIVERED, client.data(MESSAGE));
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(TO, results.stream().map(RecipientResult::recipient).toList());
                assertTrue(results.stream().allMatch(r -> SINK_DELIVERED.equals(r.finalReply()) && r.delivered()),
                        results.toString());
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
                // and a second transaction on the same session
                assertEquals(new Reply(250, "2.1.0 Ok"), client.mail(FROM));
                assertEquals(new Reply(250, "2.1.5 Ok"), client.rcpt("d@y.test"));
                assertEquals(SINK_DELIVERED, client.data(MESSAGE.getBytes(StandardCharsets.US_ASCII)));
                assertEquals(1, client.lastRecipientResults().size());
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            }
            List<List<String>> envelopes = sink.awaitMessages(2).stream().map(SinkMessage::rcptArgs)
                    .sorted(java.util.Comparator.comparing(List::size)).toList();
            assertEquals(List.of(List.of("<d@y.test>"), List.of("<a@y.test>", "<b@y.test>", "<c@y.test>")), envelopes);
        }
    }

    @Test
    void lowLevelDataWithMixedVerdicts() throws Exception {
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().lmtp().unixSocket()
                .rejectRecipient("b@y.test", "550 5.1.1 No such user")
                .failAtData("c@y.test", "452 4.2.2 Mailbox full").start();
             LmtpClient client = connect(peer, true)) {
            assertEquals(250, client.ehlo().code()); // as smtplib, mail() does not greet by itself
            assertEquals(new Reply(250, "OK"), client.mail(FROM));
            assertEquals(new Reply(250, "2.1.5 OK"), client.rcpt("a@y.test"));
            assertEquals(new Reply(550, "5.1.1 No such user"), client.rcpt("b@y.test"));
            assertEquals(new Reply(250, "2.1.5 OK"), client.rcpt("c@y.test"));
            assertEquals(new Reply(250, "2.0.0 OK <a@y.test>"), client.data(MESSAGE));
            List<RecipientResult> results = client.lastRecipientResults();
            assertEquals(3, results.size());
            assertEquals(new Reply(250, "2.0.0 OK <a@y.test>"), results.get(0).finalReply());
            assertNull(results.get(1).finalReply());
            assertEquals(new Reply(452, "4.2.2 Mailbox full"), results.get(2).finalReply());
            assertEquals(250, client.noop().code());
            assertEquals(List.of("a@y.test"), peer.awaitMessages(1).get(0).delivered());
        }
    }

    // ---- B5: socket paths that are not sockets ----

    @Test
    void unixPathsThatAreNotListeningSockets() throws Exception {
        try (SmtpSinkPeer sink = sink(true).start()) {
            Path dir = sink.socketPath().getParent();
            Path missing = dir.resolve("missing.sock");
            IOException e1 = assertThrows(IOException.class, () -> new LmtpClient(missing.toString(), 0, options()));
            assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());

            Path file = Files.writeString(dir.resolve("regular-file"), "not a socket");
            IOException e2 = assertThrows(IOException.class, () -> new LmtpClient(file.toString(), 0, options()));
            assertTrue(e2.getMessage().contains(file.toString()) && e2.getMessage().contains("not a Unix socket"),
                    e2.getMessage());

            Path stale = dir.resolve("stale.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(stale));
            }
            assertTrue(Files.exists(stale), "closing a Unix server socket leaves its file");
            IOException e3 = assertThrows(IOException.class, () -> new LmtpClient(stale.toString(), 0, options()));
            assertTrue(e3.getMessage().contains(stale.toString()), e3.getMessage());

            LmtpClient client = new LmtpClient();
            IOException e4 = assertThrows(IOException.class, () -> client.connect(missing.toString(), 0));
            assertTrue(e4.getMessage().contains(missing.toString()), e4.getMessage());
            assertFalse(client.isConnected());
            // the real socket next to them works
            assertEquals(220, client.connect(sink.socketPath().toString(), 0).code());
            client.close();
        }
    }
}
