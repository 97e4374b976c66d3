package org.xsmtp.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.peers.Poll;
import org.xsmtp.peers.SinkMessage;
import org.xsmtp.peers.SmtpSinkPeer;
import org.xsmtp.smtp.BatchResult;
import org.xsmtp.smtp.OutboundMessage;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpDataException;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpOutcomeUnknownException;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;
import org.xsmtp.smtp.SmtpSenderRefusedException;
import org.xsmtp.smtp.SmtpServerDisconnectedException;

/**
 * Issue #2 acceptance against Postfix's real smtp-sink: many messages over one connection (sendmail and the
 * batch API, pipelined and not) and every fault smtp-sink can inject at MAIL, RCPT, DATA and the end of data
 * (reply codes, 421 with close, silent drop before and after the data). What the sink captured is checked
 * every time: nothing for a transaction that failed before the end of data, the message for the "outcome
 * unknown" case.
 */
@Timeout(60)
class SmtpSinkAcceptanceTest {
    private static final String FROM = "sender@x.test";
    private static final List<String> TO = List.of("a@y.test", "b@y.test", "c@y.test");

    private static SmtpOptions.Builder options() {
        return SmtpOptions.builder().localHostname("client.test").timeout(Duration.ofSeconds(10));
    }

    private static SmtpClient connect(SmtpSinkPeer sink, SmtpOptions options) throws IOException {
        return new SmtpClient("127.0.0.1", sink.port(), options);
    }

    private static String message(int i) {
        return "From: sender@x.test\r\nTo: a@y.test\r\nSubject: message " + i + "\r\n\r\nbody of message " + i
                + "\r\n.leading dot\r\n";
    }

    /** smtp-sink's dump: CRs removed, the transparency dot removed. */
    private static String asCaptured(String message) {
        return message.replace("\r\n", "\n");
    }

    private static Set<String> subjects(List<SinkMessage> captured) {
        return captured.stream().map(m -> m.content().lines().filter(l -> l.startsWith("Subject: ")).findFirst()
                .orElseThrow()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> expectedSubjects(int n) {
        return IntStream.range(0, n).mapToObj(i -> "Subject: message " + i).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until smtp-sink removed the dump files of aborted transactions; fails if any message completed. */
    private static void assertNothingCaptured(SmtpSinkPeer sink) {
        Poll.until(Duration.ofSeconds(5), "smtp-sink to drop the aborted transaction's dump file",
                () -> dumpFiles(sink).isEmpty(), () -> "files: " + dumpFiles(sink));
        assertEquals(0, sink.completedCount(), "smtp-sink completed a message");
        assertEquals(List.of(), sink.messages());
    }

    private static List<Path> dumpFiles(SmtpSinkPeer sink) {
        try (Stream<Path> files = Files.list(sink.dumpDirectory())) {
            return files.collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- A2: 1,000 messages over one connection ----

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void manyMessagesOverOneConnectionWithSendmail(boolean pipelining) throws Exception {
        int n = pipelining ? 1000 : 100;
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().capture().start()) {
            try (SmtpClient client = connect(sink, options().pipelining(pipelining).build())) {
                for (int i = 0; i < n; i++) {
                    Map<String, Reply> refused = client.sendmail(FROM, TO, message(i));
                    assertEquals(Map.of(), refused, "message " + i);
                    List<RecipientResult> results = client.lastRecipientResults();
                    assertEquals(3, results.size());
                    for (RecipientResult r : results) {
                        assertTrue(r.delivered(), r.toString());
                        assertEquals(new Reply(250, "2.0.0 Ok"), r.finalReply());
                    }
                }
                assertTrue(client.isConnected());
                assertEquals(250, client.noop().code());
            }
            List<SinkMessage> captured = sink.awaitMessages(n);
            assertEquals(n, sink.completedCount());
            assertEquals(n, captured.size());
            assertEquals(expectedSubjects(n), subjects(captured));
            SinkMessage first = captured.stream().filter(m -> m.content().contains("Subject: message 0\n"))
                    .findFirst().orElseThrow();
            assertEquals("ESMTP", first.clientProto());
            assertEquals("client.test", first.heloArgs());
            assertEquals("<sender@x.test>", first.mailArgs());
            assertEquals(List.of("<a@y.test>", "<b@y.test>", "<c@y.test>"), first.rcptArgs());
            assertEquals(asCaptured(message(0)), first.content());
        }
    }

    // ---- A6 (smtp-sink part): the batch API ----

    @Test
    void batchOfAThousandMessagesOverOneConnection() throws Exception {
        int n = 1000;
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(OutboundMessage.of(FROM, TO, message(i).getBytes(StandardCharsets.US_ASCII)));
        }
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().capture().start()) {
            try (SmtpClient client = connect(sink, options().build())) {
                List<BatchResult> results = client.sendBatch(batch);
                assertEquals(n, results.size());
                for (int i = 0; i < n; i++) {
                    BatchResult r = results.get(i);
                    assertEquals(i, r.index());
                    assertTrue(r.sent(), () -> "message " + r.index() + ": " + r.failure());
                    assertEquals(Map.of(), r.refused());
                    assertEquals(3, r.recipients().size());
                    assertTrue(r.recipients().stream().allMatch(RecipientResult::delivered), r.toString());
                }
                assertEquals(250, client.noop().code());
            }
            List<SinkMessage> captured = sink.awaitMessages(n);
            assertEquals(n, sink.completedCount());
            assertEquals(expectedSubjects(n), subjects(captured));
            for (SinkMessage m : captured) {
                assertEquals(List.of("<a@y.test>", "<b@y.test>", "<c@y.test>"), m.rcptArgs());
            }
        }
    }

    // ---- A3: 421 at MAIL, then the server closes ----

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void serviceClosingAtMailIsASenderRefusalWithoutRset(boolean pipelining) throws Exception {
        ByteArrayOutputStream traceBytes = new ByteArrayOutputStream();
        PrintStream trace = new PrintStream(traceBytes, true, StandardCharsets.UTF_8);
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-Q", "MAIL").capture().start()) {
            SmtpClient client = connect(sink, options().pipelining(pipelining).debugLevel(1).debugOut(trace).build());
            try {
                SmtpSenderRefusedException e = assertThrows(SmtpSenderRefusedException.class,
                        () -> client.sendmail(FROM, TO, message(0)));
                assertEquals(421, e.code());
                assertEquals("4.0.0 Server closing connection", e.error());
                assertEquals(FROM, e.sender());
                assertFalse(client.isConnected());
                List<RecipientResult> results = client.lastRecipientResults();
                assertTrue(results.stream().noneMatch(RecipientResult::delivered), results.toString());
                assertTrue(results.stream().allMatch(r -> r.finalReply() == null), results.toString());
                String wire = traceBytes.toString(StandardCharsets.UTF_8);
                assertTrue(wire.contains("send: 'MAIL FROM:<sender@x.test>\\r\\n"), wire);
                assertFalse(wire.contains("RSET"), wire);
                assertThrows(SmtpServerDisconnectedException.class, client::noop);
            } finally {
                client.close();
            }
            assertNothingCaptured(sink);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void serviceClosingAtRcptRefusesTheRecipientsAndCloses(boolean pipelining) throws Exception {
        ByteArrayOutputStream traceBytes = new ByteArrayOutputStream();
        PrintStream trace = new PrintStream(traceBytes, true, StandardCharsets.UTF_8);
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-Q", "RCPT").capture().start()) {
            SmtpClient client = connect(sink, options().pipelining(pipelining).debugLevel(1).debugOut(trace).build());
            try {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail(FROM, TO, message(0)));
                // as smtplib: the 421 ends the loop over the recipients, the connection is closed
                assertEquals(Map.of("a@y.test", new Reply(421, "4.0.0 Server closing connection")), e.recipients());
                assertFalse(client.isConnected());
                assertTrue(client.lastRecipientResults().stream().noneMatch(RecipientResult::delivered));
                assertFalse(traceBytes.toString(StandardCharsets.UTF_8).contains("RSET"));
            } finally {
                client.close();
            }
            assertNothingCaptured(sink);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DATA", "."})
    void serviceClosingAtDataOrItsEndIsADataErrorAndCloses(String command) throws Exception {
        ByteArrayOutputStream traceBytes = new ByteArrayOutputStream();
        PrintStream trace = new PrintStream(traceBytes, true, StandardCharsets.UTF_8);
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-Q", command).capture().start()) {
            SmtpClient client = connect(sink, options().debugLevel(1).debugOut(trace).build());
            try {
                SmtpDataException e = assertThrows(SmtpDataException.class, () -> client.sendmail(FROM, TO, message(0)));
                assertEquals(421, e.code());
                assertEquals(command.equals("DATA") ? "DATA" : "end of data", e.command());
                assertFalse(client.isConnected());
                assertTrue(client.lastRecipientResults().stream().noneMatch(RecipientResult::delivered));
                assertFalse(traceBytes.toString(StandardCharsets.UTF_8).contains("RSET"));
            } finally {
                client.close();
            }
            if (command.equals("DATA")) {
                assertNothingCaptured(sink);
            }
        }
    }

    @Test
    void serverExitingMidBatchLeavesOneMessageUnknownAndTheRestUnsent() throws Exception {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(OutboundMessage.of(FROM, TO, message(i).getBytes(StandardCharsets.US_ASCII)));
        }
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-M", "5").capture().start()) {
            SmtpClient client = connect(sink, options().build());
            List<BatchResult> results;
            try {
                results = client.sendBatch(batch);
                assertFalse(client.isConnected());
            } finally {
                client.close();
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(results.get(i).sent(), results.get(i).toString());
            }
            BatchResult fifth = results.get(4);
            assertTrue(fifth.outcomeUnknown(), fifth.toString());
            assertTrue(fifth.recipients().stream().allMatch(RecipientResult::unconfirmed), fifth.toString());
            for (int i = 5; i < 10; i++) {
                BatchResult r = results.get(i);
                assertFalse(r.sent(), r.toString());
                assertFalse(r.outcomeUnknown(), r.toString());
                assertInstanceOf(SmtpServerDisconnectedException.class, r.failure(), r.toString());
                assertTrue(r.recipients().stream().noneMatch(RecipientResult::delivered), r.toString());
            }
            // smtp-sink -M completes the fifth message, then exits without a verdict: the server has it
            assertEquals(expectedSubjects(5), subjects(sink.awaitMessages(5)));
            assertEquals(5, sink.completedCount());
        }
    }

    // ---- A4: silent drops ----

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void dropAtDataIsADisconnectNotAnUnknownOutcome(boolean pipelining) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-q", "DATA").capture().start()) {
            SmtpClient client = connect(sink, options().pipelining(pipelining).build());
            try {
                SmtpServerDisconnectedException e = assertThrows(SmtpServerDisconnectedException.class,
                        () -> client.sendmail(FROM, TO, message(0)));
                assertFalse(e instanceof SmtpOutcomeUnknownException, "the data was never sent: " + e);
                assertFalse(client.isConnected());
                assertTrue(client.lastRecipientResults().stream().noneMatch(RecipientResult::delivered));
            } finally {
                client.close();
            }
            assertNothingCaptured(sink);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void dropAfterTheEndOfDataIsAnUnknownOutcome(boolean pipelining) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-q", ".").capture().start()) {
            SmtpClient client = connect(sink, options().pipelining(pipelining).build());
            try {
                SmtpOutcomeUnknownException e = assertThrows(SmtpOutcomeUnknownException.class,
                        () -> client.sendmail(FROM, TO, message(7)));
                assertFalse(client.isConnected());
                assertEquals(TO, e.recipients().stream().map(RecipientResult::recipient).toList());
                for (RecipientResult r : e.recipients()) {
                    assertTrue(r.unconfirmed(), r.toString());
                    assertTrue(r.acceptedAtRcpt(), r.toString());
                    assertFalse(r.delivered(), r.toString());
                    assertNull(r.finalReply(), r.toString());
                }
                assertEquals(e.recipients(), client.lastRecipientResults());
            } finally {
                client.close();
            }
            List<SinkMessage> captured = sink.awaitMessages(1);
            assertEquals(1, captured.size());
            assertEquals(asCaptured(message(7)), captured.get(0).content());
        }
    }

    // ---- A5: refusals ----

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void everyRecipientRefusedPermanently(boolean pipelining) throws Exception {
        assertAllRecipientsRefused("-f", new Reply(500, "5.3.0 Error: command failed"), pipelining);
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void everyRecipientRefusedTransiently(boolean pipelining) throws Exception {
        assertAllRecipientsRefused("-r", new Reply(450, "4.3.0 Error: command failed"), pipelining);
    }

    private static void assertAllRecipientsRefused(String flag, Reply expected, boolean pipelining) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags(flag, "RCPT").capture().start()) {
            try (SmtpClient client = connect(sink, options().pipelining(pipelining).build())) {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail(FROM, TO, message(0)));
                Map<String, Reply> all = new LinkedHashMap<>();
                TO.forEach(r -> all.put(r, expected));
                assertEquals(all, e.recipients());
                assertEquals(List.copyOf(all.keySet()), List.copyOf(e.recipients().keySet()), "RCPT order");
                assertEquals(3, e.results().size());
                assertTrue(e.results().stream().allMatch(r -> expected.equals(r.rcptReply())), e.results().toString());
                assertTrue(client.isConnected());
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            }
            assertNothingCaptured(sink);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void dataRefused(boolean pipelining) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-f", "DATA").capture().start()) {
            try (SmtpClient client = connect(sink, options().pipelining(pipelining).build())) {
                SmtpDataException e = assertThrows(SmtpDataException.class,
                        () -> client.sendmail(FROM, TO, message(0)));
                assertEquals(500, e.code());
                assertEquals("5.3.0 Error: command failed", e.error());
                assertEquals("DATA", e.command());
                assertTrue(client.isConnected());
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
                // the session is usable again: the same client can still send
                assertThrows(SmtpDataException.class, () -> client.sendmail(FROM, TO, message(1)));
            }
            assertNothingCaptured(sink);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void endOfDataRefused(boolean pipelining) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-f", ".").capture().start()) {
            try (SmtpClient client = connect(sink, options().pipelining(pipelining).build())) {
                SmtpDataException e = assertThrows(SmtpDataException.class,
                        () -> client.sendmail(FROM, TO, message(3)));
                assertEquals(500, e.code());
                assertEquals("5.3.0 Error: command failed", e.error());
                assertEquals("end of data", e.command());
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(3, results.size());
                for (RecipientResult r : results) {
                    assertFalse(r.delivered(), r.toString());
                    assertFalse(r.unconfirmed(), r.toString());
                    assertEquals(e.reply(), r.finalReply());
                }
                assertTrue(client.isConnected());
                assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            }
            // smtp-sink still dumps a message whose end of data it refuses (see SmtpSinkPeer)
            List<SinkMessage> captured = sink.awaitMessages(1);
            assertEquals(asCaptured(message(3)), captured.get(0).content());
        }
    }

    @Test
    void greetingAndEhloAsSmtpSinkSendsThem() throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().start();
             SmtpClient client = new SmtpClient(options().build())) {
            assertEquals(new Reply(220, "smtp-sink ESMTP"), client.connect("127.0.0.1", sink.port()));
            Reply ehlo = client.ehlo();
            assertEquals(250, ehlo.code());
            assertTrue(client.hasExtn("pipelining"));
            assertTrue(client.hasExtn("8bitmime"));
            assertFalse(client.hasExtn("chunking"));
            assertNotNull(client.ehloResp());
        }
    }
}
