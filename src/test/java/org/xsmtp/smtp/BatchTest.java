package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** The batch API: transactions overlap on the wire, results stay per message. */
class BatchTest {
    private static final byte[] MSG = "Subject: b\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String DATA = "Subject: b\r\n\r\nhi\r\n.\r\n";
    private static final String CHUNK = "BDAT " + MSG.length + " LAST\r\nSubject: b\r\n\r\nhi\r\n";

    private static SmtpClient client(ScriptedServer server) throws Exception {
        SmtpOptions options = SmtpOptions.builder().localHostname("me.test").timeout(Duration.ofSeconds(5)).build();
        return new SmtpClient("127.0.0.1", server.port(), options);
    }

    private static List<OutboundMessage> three() {
        return List.of(OutboundMessage.of("a@x.test", List.of("b@y.test"), MSG),
                OutboundMessage.of("a@x.test", List.of("c@y.test"), MSG),
                OutboundMessage.of("a@x.test", List.of("d@y.test"), MSG));
    }

    @Test
    void withDataTheNextEnvelopeTravelsWithTheEndOfData() throws Exception {
        // The server answers a message's end of data only after the next envelope arrived: a client that
        // waited for that answer first would time out here. That envelope opens with RSET: the verdict is not
        // known yet, and a server may keep a refused transaction's envelope.
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read()
                .reply("250-x", "250 PIPELINING")
                .read(3).reply("250 ok", "250 ok", "354 go").readData()
                .read(4).reply("250 queued 1", "250 reset", "250 ok", "250 ok", "354 go").readData()
                .read(4).reply("250 queued 2", "250 reset", "250 ok", "250 ok", "354 go").readData()
                .reply("250 queued 3").read().reply("221 bye"))) {
            List<BatchResult> results;
            try (SmtpClient client = client(server)) {
                results = client.sendBatch(three());
            }
            assertTrue(results.stream().allMatch(BatchResult::sent), results.toString());
            assertEquals(new Reply(250, "queued 2"), results.get(1).recipients().get(0).finalReply());
            assertEquals("EHLO me.test\r\n"
                    + "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n" + DATA
                    + "RSET\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n" + DATA
                    + "RSET\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<d@y.test>\r\nDATA\r\n" + DATA + "QUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void withChunkingWholeTransactionsAreInFlightBeforeAnyReply() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read()
                .reply("250-x", "250-PIPELINING", "250 CHUNKING")
                .read(2).readBdat().read(3).readBdat().read(3).readBdat()
                .reply("250 ok", "250 ok", "250 one", "250 reset", "250 ok", "250 ok", "250 two",
                        "250 reset", "250 ok", "250 ok", "250 three")
                .read().reply("221 bye"))) {
            List<BatchResult> results;
            try (SmtpClient client = client(server)) {
                results = client.sendBatch(three());
            }
            assertTrue(results.stream().allMatch(BatchResult::sent), results.toString());
            assertEquals("three", results.get(2).recipients().get(0).finalReply().message());
            assertEquals("EHLO me.test\r\n"
                    + "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n" + CHUNK
                    + "RSET\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<c@y.test>\r\n" + CHUNK
                    + "RSET\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<d@y.test>\r\n" + CHUNK + "QUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void failuresStayWithTheirMessageWithChunking() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING", "CHUNKING").on("MAIL", "250 ok")
                .on("RCPT TO:<c@y.test>", "550 5.1.1 unknown").on("RCPT", "250 ok")
                .on("BDAT", "250 first").on("BDAT", "554 5.5.1 no valid recipients").on("BDAT", "250 third");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            List<BatchResult> results;
            try (SmtpClient client = client(server)) {
                results = client.sendBatch(three());
            }
            assertTrue(results.get(0).sent());
            assertInstanceOf(SmtpRecipientsRefusedException.class, results.get(1).failure());
            assertEquals(Map.of("c@y.test", new Reply(550, "5.1.1 unknown")),
                    ((SmtpRecipientsRefusedException) results.get(1).failure()).recipients());
            assertTrue(results.get(2).sent(), results.get(2).toString());
            assertTrue(server.transcript().endsWith(CHUNK + "RSET\r\nQUIT\r\n"), server.transcript());
        }
    }

    @Test
    void aMessageOneByteOverAChunkOnceItsLineEndIsAddedNeverTakesAnEarlierMessagesReplies() throws Exception {
        // size() is the normalised length, 2^18 - 1 here; the CRLF added at the end makes the chunks 2^18 + 1
        // bytes, so this message needs a second chunk and must not be in flight behind an unread verdict.
        byte[] big = new byte[MailTransaction.CHUNK_SIZE - 1];
        java.util.Arrays.fill(big, (byte) 'x');
        byte[] head = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        Dialog dialog = Dialog.esmtp("PIPELINING", "CHUNKING").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("BDAT", "554 5.7.1 first message refused").on("BDAT", "250 2.0.0 chunk taken")
                .on("BDAT", "250 2.0.0 big queued");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            List<BatchResult> results;
            try (SmtpClient client = client(server)) {
                results = client.sendBatch(List.of(OutboundMessage.of("a@x.test", List.of("b@y.test"), MSG),
                        OutboundMessage.of("a@x.test", List.of("c@y.test"), big)));
            }
            assertInstanceOf(SmtpDataException.class, results.get(0).failure());
            assertEquals(554, ((SmtpDataException) results.get(0).failure()).code());
            assertTrue(results.get(1).sent(), results.get(1).toString());
            assertEquals(new Reply(250, "2.0.0 big queued"), results.get(1).recipients().get(0).finalReply());
            assertTrue(server.transcript().contains(CHUNK + "RSET\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<c@y.test>\r\n"
                    + "BDAT " + MailTransaction.CHUNK_SIZE + "\r\n"), "the big message follows the verdict");
            // the first chunk ends with the added CR, the last chunk is its LF
            assertTrue(server.transcript().endsWith("x\rBDAT 1 LAST\r\n\nRSET\r\nQUIT\r\n"));
        }
    }

    @Test
    void failuresStayWithTheirMessageWithData() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL FROM:<bad@x.test>", "550 5.7.1 no").on("MAIL", "250 ok")
                .on("RCPT", "250 ok").on("DATA", "354 go").onData("250 first")
                .onData("554 5.5.1 no valid recipients").onData("552 5.3.4 too big").onData("250 third");
        List<OutboundMessage> messages = List.of(OutboundMessage.of("a@x.test", List.of("b@y.test"), MSG),
                OutboundMessage.of("bad@x.test", List.of("b@y.test"), MSG),
                OutboundMessage.of("a@x.test", List.of("not an address"), MSG),
                OutboundMessage.of("a@x.test", List.of("c@y.test"), MSG),
                OutboundMessage.of("a@x.test", List.of("d@y.test"), MSG));
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            List<BatchResult> results;
            try (SmtpClient client = client(server)) {
                results = client.sendBatch(messages);
            }
            assertEquals(List.of(true, false, false, false, true), results.stream().map(BatchResult::sent).toList());
            assertInstanceOf(SmtpSenderRefusedException.class, results.get(1).failure());
            assertInstanceOf(IllegalArgumentException.class, results.get(2).failure().getCause());
            assertEquals(552, ((SmtpDataException) results.get(3).failure()).code());
            String t = server.transcript();
            // this fake server answers DATA with 354 whatever happened before: the client ends that data at once
            assertTrue(t.contains("MAIL FROM:<bad@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n.\r\n"
                    + "RSET\r\nMAIL FROM:<a@x.test>"), t);
            assertFalse(t.contains("not an address"), t);
        }
    }

    @Test
    void aLostConnectionLeavesInFlightMessagesUnknownAndTheRestUnsent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read()
                .reply("250-x", "250-PIPELINING", "250 CHUNKING")
                .read(2).readBdat().read(3).readBdat().reply("250 ok", "250 ok", "250 one").close())) {
            List<BatchResult> results;
            SmtpClient client = client(server);
            List<OutboundMessage> messages = new java.util.ArrayList<>(three());
            results = client.sendBatch(messages.subList(0, 2));
            assertTrue(results.get(0).sent());
            assertTrue(results.get(1).outcomeUnknown(), results.get(1).toString());
            assertFalse(client.isConnected());
            List<BatchResult> after = client.sendBatch(List.of(messages.get(2)));
            assertInstanceOf(SmtpServerDisconnectedException.class, after.get(0).failure());
            assertFalse(after.get(0).outcomeUnknown());
        }
    }

    @Test
    void withoutPipeliningMessagesGoOneAfterTheOther() throws Exception {
        Dialog dialog = Dialog.esmtp("SIZE").on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            List<BatchResult> results;
            try (SmtpClient client = client(server)) {
                results = client.sendBatch(three());
            }
            assertTrue(results.stream().allMatch(BatchResult::sent));
            assertEquals(3, server.transcript().split("SIZE=" + MSG.length, -1).length - 1);
        }
    }
}
