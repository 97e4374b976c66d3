package org.xsmtp.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.peers.AiosmtpdPeer;
import org.xsmtp.peers.PostfixPeer;
import org.xsmtp.peers.StoredMessage;
import org.xsmtp.smtp.BatchResult;
import org.xsmtp.smtp.OutboundMessage;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpDataException;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;
import org.xsmtp.smtp.SmtpSenderRefusedException;

/**
 * Issue #2 acceptance through a real Postfix smtpd (CHUNKING, PIPELINING, SMTPUTF8, SIZE): the batch API with
 * BDAT and DATA (also with refusals at MAIL, RCPT and the end of data in the middle of a batch), messages
 * larger than a BDAT chunk, SIZE, line-end and dot handling with BDAT and with DATA, SMTPUTF8 envelopes, and
 * SMTP smuggling vectors.
 *
 * <p>One Postfix instance serves the whole class and relays everything to one aiosmtpd (SMTPUTF8 on), which
 * stores what it receives byte for byte (CRLF kept, transparency dots removed): unlike smtp-sink, which drops
 * every CR, it shows whether a bare CR or LF survived the trip. Postfix adds headers (Received, Message-Id,
 * Date), so bodies are compared after the first empty line. Every message carries a unique Subject; every
 * test waits for the total number of messages the class has sent so far, so a message too many (a smuggled
 * one) shows as a count mismatch.
 */
@Timeout(60)
class PostfixAcceptanceTest {
    private static final String FROM = "sender@x.test";
    private static final int CHUNK = 256 * 1024;
    private static final Pattern QUEUED = Pattern.compile("^2\\.0\\.0 Ok: (?:\\d+ bytes )?queued as (\\w+)$");
    private static AiosmtpdPeer relayTarget;
    private static PostfixPeer postfix;
    private static int sent;

    @BeforeAll
    static void startPostfix() {
        relayTarget = AiosmtpdPeer.builder().smtputf8().start();
        try {
            postfix = PostfixPeer.builder().relayTo(relayTarget.port())
                    // a few addresses Postfix refuses, at MAIL, RCPT and the end of data (BDAT LAST)
                    .mainCf("smtpd_delay_reject", "no")
                    .mainCf("smtpd_sender_restrictions",
                            "check_sender_access inline:{ { refused-sender@x.test = 550 5.7.1 sender refused } }")
                    .mainCf("smtpd_recipient_restrictions", "check_recipient_access inline:{ "
                            + "{ refused@y.test = 550 5.1.1 recipient refused }, "
                            + "{ deferred@y.test = 450 4.2.1 try later } }")
                    .mainCf("smtpd_end_of_data_restrictions",
                            "check_sender_access inline:{ { eod-reject@x.test = 554 5.7.1 content refused } }")
                    .start();
        } catch (RuntimeException | Error e) {
            relayTarget.close();
            throw e;
        }
    }

    @AfterAll
    static void stopPostfix() {
        try {
            if (postfix != null) {
                postfix.close();
            }
        } finally {
            if (relayTarget != null) {
                relayTarget.close();
            }
        }
    }

    private static SmtpOptions.Builder options() {
        return SmtpOptions.builder().localHostname("client.test").timeout(Duration.ofSeconds(20));
    }

    private static SmtpClient connect(SmtpOptions options) throws IOException {
        return new SmtpClient("127.0.0.1", postfix.port(), options);
    }

    /** Counts a message Postfix accepted (before any check can fail); returns its queue id. */
    private static String accepted(Reply reply) {
        if (reply != null && reply.code() == 250) {
            sent++;
        }
        return queueId(reply);
    }

    /** Counts the messages of a batch that Postfix accepted. */
    private static void countSent(List<BatchResult> results) {
        sent += (int) results.stream().filter(BatchResult::sent).count();
    }

    /** The queue id in Postfix's reply to the end of data or to BDAT LAST. */
    private static String queueId(Reply reply) {
        assertEquals(250, reply.code(), reply.toString());
        Matcher m = QUEUED.matcher(reply.message());
        assertTrue(m.matches(), reply.toString());
        return m.group(1);
    }

    /** Waits until every message accepted so far was relayed; fails when more arrived than were sent. */
    private static List<StoredMessage> awaitAllRelayed() {
        List<StoredMessage> all = relayTarget.awaitMessages(sent, Duration.ofSeconds(30));
        assertEquals(sent, all.size(), "messages relayed vs accepted (a surplus is a smuggled message)");
        return all;
    }

    private static List<StoredMessage> withSubject(List<StoredMessage> all, String subject) {
        String header = "\r\nSubject: " + subject + "\r\n";
        return all.stream().filter(m -> headerSection(m).contains(header)).collect(Collectors.toList());
    }

    /** The header section with a CRLF before it and the CRLF of its last field. */
    private static String headerSection(StoredMessage m) {
        String text = "\r\n" + new String(m.content(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end + 2);
    }

    private static StoredMessage onlyOne(List<StoredMessage> all, String subject) {
        List<StoredMessage> found = withSubject(all, subject);
        assertEquals(1, found.size(), () -> "messages with Subject " + subject + ": " + found.size());
        return found.get(0);
    }

    /** The content after the first empty line (Postfix adds header fields, never touches the body). */
    private static byte[] body(byte[] content) {
        for (int i = 0; i + 3 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n' && content[i + 2] == '\r' && content[i + 3] == '\n') {
                return java.util.Arrays.copyOfRange(content, i + 4, content.length);
            }
        }
        throw new AssertionError("no end of header in " + new String(content, StandardCharsets.ISO_8859_1));
    }

    /** What any correct SMTP path must make of content: every CR, LF and CRLF a CRLF, a CRLF at the end. */
    private static byte[] normalized(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        byte[] n = out.toByteArray();
        if (n.length < 2 || n[n.length - 2] != '\r' || n[n.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void assertOnlyCrlfLineEnds(byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r') {
                assertTrue(i + 1 < content.length && content[i + 1] == '\n', "bare CR at " + i + ": " + show(content));
            } else if (content[i] == '\n') {
                assertTrue(i > 0 && content[i - 1] == '\r', "bare LF at " + i + ": " + show(content));
            }
        }
    }

    private static String show(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ---- A6 (Postfix part): the batch API with BDAT ----

    @Test
    void batchOfTwoHundredWithBdatIsAllSentAndRelayed() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<OutboundMessage> batch = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] content = ascii("From: sender@x.test\r\nTo: r" + i + "@y.test\r\nSubject: batch " + i + "\r\n\r\n"
                    + "line 1 of " + i + "\r\n.dot line\r\n..two dots\r\nbare lf\nbare cr\rend");
            contents.add(content);
            batch.add(OutboundMessage.of(FROM, List.of("r" + i + "@y.test", "s" + i + "@y.test"), content));
        }
        List<BatchResult> results;
        try (SmtpClient client = connect(options().debugLevel(1)
                .debugOut(new PrintStream(wire, true, StandardCharsets.UTF_8)).build())) {
            results = client.sendBatch(batch);
            assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
        }
        countSent(results);
        assertEquals(200, results.size());
        Set<String> queueIds = new HashSet<>();
        for (BatchResult r : results) {
            assertTrue(r.sent(), () -> "message " + r.index() + ": " + r.failure());
            assertEquals(Map.of(), r.refused());
            assertEquals(2, r.recipients().size());
            assertTrue(r.recipients().stream().allMatch(RecipientResult::delivered), r.toString());
            queueIds.add(queueId(r.recipients().get(0).finalReply()));
        }
        assertEquals(200, queueIds.size(), "one queue id per message");
        String trace = wire.toString(StandardCharsets.UTF_8);
        assertTrue(trace.contains("send: 'BDAT "), "BDAT was not used");
        assertFalse(trace.contains("send: 'DATA\\r\\n'"), "DATA was used");

        List<StoredMessage> all = awaitAllRelayed();
        for (int i : new int[] {0, 1, 63, 64, 65, 128, 199}) {
            StoredMessage m = onlyOne(all, "batch " + i);
            assertEquals(FROM, m.mailFrom());
            assertEquals(List.of("r" + i + "@y.test", "s" + i + "@y.test"), m.rcptTos());
            assertArrayEquals(body(normalized(contents.get(i))), body(m.content()), "body of batch " + i);
            assertEquals("line 1 of " + i + "\r\n.dot line\r\n..two dots\r\nbare lf\r\nbare cr\r\nend\r\n",
                    new String(body(m.content()), StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(1, withSubject(all, "batch " + i).size(), "batch " + i);
        }
    }

    // ---- A7: dots, bare LF and bare CR with BDAT and with DATA ----

    @ParameterizedTest(name = "chunking={0}")
    @ValueSource(booleans = {true, false})
    void dotsAndBareLineEndsArriveTheSameWithBdatAndData(boolean chunking) throws Exception {
        String subject = "line ends chunking=" + chunking;
        byte[] content = ascii("From: sender@x.test\r\nTo: b@y.test\r\nSubject: " + subject + "\r\n\r\n"
                + ".\r\n..\r\n.starts with a dot\r\nbare lf\n.dot after bare lf\nbare cr\r.dot after bare cr\r"
                + "crlf\r\n\r\n.\n\r\n...three\r\n. \r\nlast line without end");
        String expectedBody = ".\r\n..\r\n.starts with a dot\r\nbare lf\r\n.dot after bare lf\r\nbare cr\r\n"
                + ".dot after bare cr\r\ncrlf\r\n\r\n.\r\n\r\n...three\r\n. \r\nlast line without end\r\n";
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SmtpClient client = connect(options().chunking(chunking).debugLevel(1)
                .debugOut(new PrintStream(wire, true, StandardCharsets.UTF_8)).build())) {
            assertEquals(Map.of(), client.sendmail(FROM, List.of("b@y.test"), content));
            accepted(client.lastRecipientResults().get(0).finalReply());
            assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
        }
        String trace = wire.toString(StandardCharsets.UTF_8);
        assertEquals(chunking, trace.contains("send: 'BDAT "), trace);
        assertEquals(!chunking, trace.contains("send: 'DATA\\r\\n'"), trace);

        StoredMessage m = onlyOne(awaitAllRelayed(), subject);
        assertEquals(expectedBody, new String(body(m.content()), StandardCharsets.US_ASCII));
        assertOnlyCrlfLineEnds(m.content());
        assertEquals(List.of("b@y.test"), m.rcptTos());
    }

    // ---- A7: SMTPUTF8 ----

    @ParameterizedTest(name = "chunking={0}")
    @ValueSource(booleans = {true, false})
    void smtputf8AddressesAreAcceptedAndRelayed(boolean chunking) throws Exception {
        String from = "jörg@exämple.test";
        List<String> to = List.of("δοκιμή@παράδειγμα.test", "用户@例子.test");
        String subject = "utf8 chunking=" + chunking;
        byte[] content = ("From: Jörg <jörg@exämple.test>\r\nTo: δοκιμή@παράδειγμα.test\r\nSubject: " + subject
                + "\r\n\r\nGrüße, 你好\r\n").getBytes(StandardCharsets.UTF_8);
        try (SmtpClient client = connect(options().chunking(chunking).build())) {
            client.ehlo();
            assertTrue(client.hasExtn("smtputf8"));
            Map<String, Reply> refused = client.sendmail(from, to, content, List.of("SMTPUTF8", "BODY=8BITMIME"),
                    List.of());
            assertEquals(Map.of(), refused);
            List<RecipientResult> results = client.lastRecipientResults();
            assertEquals(to, results.stream().map(RecipientResult::recipient).toList());
            assertTrue(results.stream().allMatch(RecipientResult::delivered), results.toString());
            accepted(results.get(0).finalReply());
            assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
        }
        StoredMessage m = onlyOne(awaitAllRelayed(), subject);
        assertEquals(from, m.mailFrom());
        assertEquals(to, m.rcptTos());
        assertTrue(m.smtputf8());
        assertEquals("Grüße, 你好\r\n", new String(body(m.content()), StandardCharsets.UTF_8));
    }

    // ---- A8: SMTP smuggling ----

    private static final String[] VECTORS = {
        "\n.\n", "\r.\r", "\r\n.\r", "\n.\r\n", "\r.\n", "\r\n\0.\r\n", "\r\r\n.\r\n",
    };

    private enum Form { STRING, BYTES, STREAM }

    private static String smuggler(String id, String vector) {
        return "From: sender@x.test\r\nTo: b@y.test\r\nSubject: " + id + "\r\n\r\nbefore the vector" + vector
                + "MAIL FROM:<evil@x.test>\r\nRCPT TO:<evil-" + id.replace(' ', '-') + "@y.test>\r\nDATA\r\n"
                + "From: evil@x.test\r\nSubject: smuggled " + id + "\r\n\r\nsmuggled\r\n";
    }

    @ParameterizedTest(name = "chunking={0}")
    @ValueSource(booleans = {true, false})
    void smugglingVectorsNeverEndTheDataEarly(boolean chunking) throws Exception {
        Map<String, byte[]> sentContent = new java.util.LinkedHashMap<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SmtpClient client = connect(options().chunking(chunking).debugLevel(1)
                .debugOut(new PrintStream(wire, true, StandardCharsets.UTF_8)).build())) {
            for (int v = 0; v < VECTORS.length; v++) {
                for (Form form : Form.values()) {
                    if (form == Form.STREAM && chunking) {
                        continue; // the low-level data() always sends DATA
                    }
                    String id = "smuggle " + v + " " + form + " chunking=" + chunking;
                    String text = smuggler(id, VECTORS[v]);
                    byte[] bytes = ascii(text);
                    sentContent.put(id, bytes);
                    Reply verdict;
                    switch (form) {
                        case STRING -> {
                            assertEquals(Map.of(), client.sendmail(FROM, List.of("b@y.test"), text));
                            verdict = client.lastRecipientResults().get(0).finalReply();
                        }
                        case BYTES -> {
                            assertEquals(Map.of(), client.sendmail(FROM, List.of("b@y.test"), bytes));
                            verdict = client.lastRecipientResults().get(0).finalReply();
                        }
                        default -> {
                            assertEquals(new Reply(250, "2.1.0 Ok"), client.mail(FROM));
                            assertEquals(new Reply(250, "2.1.5 Ok"), client.rcpt("b@y.test"));
                            verdict = client.data(new ByteArrayInputStream(bytes));
                        }
                    }
                    accepted(verdict);
                    // a smuggled transaction would leave its replies queued: NOOP would read one of them
                    assertEquals(new Reply(250, "2.0.0 Ok"), client.noop(), id);
                }
            }
        }
        String trace = wire.toString(StandardCharsets.UTF_8);
        assertEquals(chunking, trace.contains("send: 'BDAT "));

        List<StoredMessage> all = awaitAllRelayed();
        for (StoredMessage m : all) {
            assertFalse(m.rcptTos().stream().anyMatch(r -> r.startsWith("evil")), "smuggled: " + m.rcptTos());
            assertFalse(m.mailFrom().startsWith("evil"), "smuggled from " + m.mailFrom());
        }
        for (Map.Entry<String, byte[]> e : sentContent.entrySet()) {
            StoredMessage m = onlyOne(all, e.getKey());
            assertEquals(0, withSubject(all, "smuggled " + e.getKey()).size());
            assertEquals(List.of("b@y.test"), m.rcptTos());
            assertOnlyCrlfLineEnds(m.content());
            assertEquals(show(body(normalized(e.getValue()))), show(body(m.content())), e.getKey());
        }
    }

    // ---- the batch API with failures in the middle, BDAT and DATA ----

    @ParameterizedTest(name = "chunking={0}")
    @ValueSource(booleans = {true, false})
    void batchWithRefusalsAtEveryStageKeepsEachFailureWithItsMessage(boolean chunking) throws Exception {
        String tag = "mixed chunking=" + chunking + " ";
        List<OutboundMessage> batch = new ArrayList<>();
        String[][] envelopes = {
            {FROM, "ok0@y.test"},
            {FROM, "refused@y.test", "ok1@y.test"},
            {FROM, "refused@y.test", "deferred@y.test"},
            {"refused-sender@x.test", "ok3@y.test"},
            {FROM, "ok4@y.test"},
            {FROM, "deferred@y.test"},
            {"eod-reject@x.test", "ok6@y.test"},
            {FROM, "ok7@y.test"},
            {FROM, "bad\r\nRSET@y.test"},
            {FROM, "ok9@y.test"},
        };
        for (int i = 0; i < envelopes.length; i++) {
            List<String> to = List.of(envelopes[i]).subList(1, envelopes[i].length);
            batch.add(OutboundMessage.of(envelopes[i][0], to,
                    ascii("Subject: " + tag + i + "\r\n\r\nmessage " + i + "\r\n.dot\r\n")));
        }
        List<BatchResult> results;
        try (SmtpClient client = connect(options().chunking(chunking).build())) {
            results = client.sendBatch(batch);
            countSent(results);
            assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
            // the session is still in step: a plain sendmail works after the batch
            assertEquals(Map.of(), client.sendmail(FROM, List.of("after@y.test"),
                    "Subject: " + tag + "after\r\n\r\nafter the batch\r\n"));
            accepted(client.lastRecipientResults().get(0).finalReply());
        }
        assertEquals(10, results.size());
        for (int i : new int[] {0, 4, 7, 9}) {
            assertTrue(results.get(i).sent(), () -> results.get(i).toString());
            assertEquals(Map.of(), results.get(i).refused());
            queueId(results.get(i).recipients().get(0).finalReply());
        }
        BatchResult partly = results.get(1);
        assertTrue(partly.sent(), partly.toString());
        assertEquals(List.of("refused@y.test"), List.copyOf(partly.refused().keySet()));
        assertEquals(550, partly.refused().get("refused@y.test").code());
        assertTrue(partly.refused().get("refused@y.test").message().contains("recipient refused"), partly.toString());
        assertEquals(List.of(false, true), partly.recipients().stream().map(RecipientResult::delivered).toList());
        queueId(partly.recipients().get(1).finalReply());

        SmtpRecipientsRefusedException noRecipient = assertInstanceOf(SmtpRecipientsRefusedException.class,
                results.get(2).failure());
        assertEquals(List.of(550, 450), noRecipient.recipients().values().stream().map(Reply::code).toList());
        SmtpSenderRefusedException sender = assertInstanceOf(SmtpSenderRefusedException.class,
                results.get(3).failure());
        assertEquals(550, sender.code());
        assertEquals("refused-sender@x.test", sender.sender());
        assertTrue(sender.error().contains("sender refused"), sender.error());
        SmtpRecipientsRefusedException deferred = assertInstanceOf(SmtpRecipientsRefusedException.class,
                results.get(5).failure());
        assertEquals(450, deferred.recipients().get("deferred@y.test").code());
        SmtpDataException content = assertInstanceOf(SmtpDataException.class, results.get(6).failure());
        assertEquals(554, content.code());
        assertTrue(content.error().contains("content refused"), content.error());
        assertEquals(chunking ? "BDAT" : "end of data", content.command());
        assertFalse(results.get(8).sent());
        assertFalse(results.get(8).outcomeUnknown());
        for (int i : new int[] {2, 3, 5, 6, 8}) {
            assertFalse(results.get(i).sent(), results.get(i).toString());
            assertFalse(results.get(i).outcomeUnknown(), results.get(i).toString());
            assertTrue(results.get(i).recipients().stream().noneMatch(RecipientResult::delivered));
        }

        List<StoredMessage> all = awaitAllRelayed();
        for (int i : new int[] {0, 1, 4, 7, 9}) {
            StoredMessage m = onlyOne(all, tag + i);
            assertEquals(List.of("ok" + i + "@y.test"), m.rcptTos());
            assertEquals("message " + i + "\r\n.dot\r\n", new String(body(m.content()), StandardCharsets.US_ASCII));
        }
        for (int i : new int[] {2, 3, 5, 6, 8}) {
            assertEquals(List.of(), withSubject(all, tag + i), "message " + i + " was relayed");
        }
        assertEquals(1, withSubject(all, tag + "after").size());
    }

    /**
     * Postfix keeps the envelope of a transaction whose end of data smtpd_end_of_data_restrictions refused
     * (RFC 5321 §4.1.1.4 says the buffers are cleared; Postfix 3.7 does not). A pipelined DATA batch sends the
     * next envelope before that verdict, so the next message must not build on the leftover transaction: it
     * must neither fail with "503 nested MAIL command" nor answer a 354 with an empty message in it.
     */
    @ParameterizedTest(name = "chunking={0}")
    @ValueSource(booleans = {true, false})
    void theMessageAfterARefusedEndOfDataIsSentOnItsOwn(boolean chunking) throws Exception {
        String tag = "after eod chunking=" + chunking + " ";
        List<OutboundMessage> batch = List.of(
                OutboundMessage.of("eod-reject@x.test", List.of("first@y.test"), ascii("Subject: " + tag + "0\r\n\r\nx\r\n")),
                OutboundMessage.of(FROM, List.of("second@y.test"), ascii("Subject: " + tag + "1\r\n\r\ny\r\n")));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<BatchResult> results;
        try (SmtpClient client = connect(options().chunking(chunking).debugLevel(1)
                .debugOut(new PrintStream(wire, true, StandardCharsets.UTF_8)).build())) {
            results = client.sendBatch(batch);
            countSent(results);
        }
        assertEquals(554, assertInstanceOf(SmtpDataException.class, results.get(0).failure()).code());
        assertTrue(results.get(1).sent(), results.get(1).toString());
        queueId(results.get(1).recipients().get(0).finalReply());
        String trace = wire.toString(StandardCharsets.UTF_8);
        assertFalse(trace.contains("nested MAIL"), trace);
        assertFalse(trace.contains("send: '.\\r\\n'"), "an empty message was sent: " + trace);
        StoredMessage m = onlyOne(awaitAllRelayed(), tag + "1");
        assertEquals(FROM, m.mailFrom());
        assertEquals(List.of("second@y.test"), m.rcptTos());
    }

    // ---- messages larger than one BDAT chunk ----

    private static byte[] bigContent(String subject, int lines) {
        StringBuilder b = new StringBuilder("Subject: ").append(subject).append("\r\n\r\n");
        String[] ends = {"\r\n", "\n", "\r", "\r\n"};
        for (int i = 0; i < lines; i++) {
            if (i % 7 == 0) {
                b.append('.');
            }
            b.append(String.format("line %07d of a large message, with some text to make it longer", i));
            b.append(ends[i % ends.length]);
        }
        return ascii(b.toString());
    }

    @Test
    void messagesLargerThanAChunkArriveIntact() throws Exception {
        int lines = 9_000; // about 620 KB: three BDAT chunks
        byte[] viaBdat = bigContent("big bdat", lines);
        byte[] viaData = bigContent("big data", lines);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(OutboundMessage.of(FROM, List.of("big" + i + "@y.test"),
                    i % 2 == 1 ? bigContent("big batch " + i, lines) : ascii("Subject: big batch " + i + "\r\n\r\nsmall\r\n")));
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SmtpClient client = connect(options().debugLevel(1)
                .debugOut(new PrintStream(wire, true, StandardCharsets.UTF_8)).build())) {
            assertEquals(Map.of(), client.sendmail(FROM, List.of("big@y.test"), viaBdat));
            accepted(client.lastRecipientResults().get(0).finalReply());
            List<BatchResult> results = client.sendBatch(batch);
            countSent(results);
            for (BatchResult r : results) {
                assertTrue(r.sent(), r.toString());
                queueId(r.recipients().get(0).finalReply());
            }
        }
        long chunks = wire.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("send: 'BDAT ")).count();
        long perBigMessage = (normalized(viaBdat).length + CHUNK - 1) / CHUNK;
        assertTrue(perBigMessage > 1, "not larger than a chunk");
        assertEquals(3 * perBigMessage + 3, chunks, "BDAT commands: one big sendmail, two big and three small in the batch");
        try (SmtpClient client = connect(options().chunking(false).build())) {
            assertEquals(Map.of(), client.sendmail(FROM, List.of("big@y.test"), viaData));
            accepted(client.lastRecipientResults().get(0).finalReply());
        }
        List<StoredMessage> all = awaitAllRelayed();
        byte[] expected = body(normalized(viaBdat));
        assertArrayEquals(expected, body(onlyOne(all, "big bdat").content()));
        assertArrayEquals(expected, body(onlyOne(all, "big data").content()));
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(body(normalized(batch.get(i).content())), body(onlyOne(all, "big batch " + i).content()));
        }
    }

    @ParameterizedTest(name = "chunking={0}")
    @ValueSource(booleans = {true, false})
    void oversizedMessageIsRefusedAtMailThanksToSize(boolean chunking) throws Exception {
        byte[] huge = new byte[10_300_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        for (int i = 100; i < huge.length; i += 100) {
            huge[i] = '\n';
        }
        try (SmtpClient client = connect(options().chunking(chunking).build())) {
            client.ehlo();
            assertEquals("10240000", client.esmtpFeatures().get("size"));
            SmtpSenderRefusedException e = assertThrows(SmtpSenderRefusedException.class,
                    () -> client.sendmail(FROM, List.of("big@y.test"), huge));
            assertEquals(552, e.code());
            assertEquals("5.3.4", e.enhancedStatus());
            assertTrue(client.isConnected());
            assertEquals(new Reply(250, "2.0.0 Ok"), client.noop());
        }
    }
}
