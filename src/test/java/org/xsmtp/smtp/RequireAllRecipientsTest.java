package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** {@link SmtpOptions#requireAllRecipients()}: one refused RCPT keeps the message from everyone. */
class RequireAllRecipientsTest {
    private static final String MSG = "Subject: hi\r\n\r\nbody\r\n";
    private static final SmtpOptions ALL = SmtpOptions.builder().localHostname("me").requireAllRecipients(true).build();

    private static Dialog mixed(String... extensions) {
        return Dialog.esmtp(extensions).on("MAIL", "250 ok").on("RCPT TO:<a@x.test>", "250 ok")
                .on("RCPT TO:<b@x.test>", "550 5.1.1 unknown").on("DATA", "354 go").on("BDAT", "250 chunk ok");
    }

    private static SmtpRecipientsRefusedException refusedSend(ScriptedServer server) throws Exception {
        try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ALL)) {
            return assertThrows(SmtpRecipientsRefusedException.class,
                    () -> client.sendmail("s@x.test", List.of("a@x.test", "b@x.test"), MSG));
        }
    }

    @Test
    void oneRefusedRecipientStopsTheTransactionBeforeData() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(mixed())) {
            SmtpRecipientsRefusedException e = refusedSend(server);
            assertEquals(Map.of("b@x.test", new Reply(550, "5.1.1 unknown")), e.recipients());
            assertTrue(e.getMessage().startsWith("some recipients were refused"), e.getMessage());
            assertTrue(e.results().get(0).acceptedAtRcpt());
            assertFalse(e.results().get(0).delivered());
            assertFalse(e.results().get(1).acceptedAtRcpt());
            assertEquals("EHLO me\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\nRSET\r\n"
                    + "QUIT\r\n", server.transcript());
        }
    }

    @Test
    void pipelinedDataAcceptedDespiteARefusalIsEndedByDroppingTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(mixed("PIPELINING"))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ALL);
            SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                    () -> client.sendmail("s@x.test", List.of("a@x.test", "b@x.test"), MSG));
            assertEquals(Map.of("b@x.test", new Reply(550, "5.1.1 unknown")), e.recipients());
            assertFalse(e.results().get(0).delivered());
            assertFalse(client.isConnected());
            assertTrue(e.getSuppressed()[0].getMessage().contains("dropped after 354"), e.toString());
            // DATA went with the envelope; after its 354 neither the content nor a final dot was sent
            assertEquals("EHLO me\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\n"
                    + "DATA\r\n", server.transcript());
        }
    }

    @Test
    void inABatchDataWaitsForTheRecipientsSoARefusalCostsOnlyItsOwnMessage() throws Exception {
        byte[] msg = MSG.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (ScriptedServer server = ScriptedServer.start(mixed("PIPELINING"))) {
            List<BatchResult> results;
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ALL)) {
                results = client.sendBatch(List.of(OutboundMessage.of("s@x.test", List.of("a@x.test", "b@x.test"), msg),
                        OutboundMessage.of("s@x.test", List.of("a@x.test"), msg)));
            }
            assertEquals(Map.of("b@x.test", new Reply(550, "5.1.1 unknown")),
                    ((SmtpRecipientsRefusedException) results.get(0).failure()).recipients());
            assertTrue(results.get(1).sent(), results.get(1).toString());
            // no DATA for the first message: the connection stays up for the second
            assertEquals("EHLO me\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\nRSET\r\n"
                    + "MAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nDATA\r\n" + MSG + ".\r\nRSET\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void pipelinedDataRefusedAfterARefusalEndsWithRset() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT TO:<a@x.test>", "250 ok")
                .on("RCPT TO:<b@x.test>", "550 5.1.1 unknown").on("DATA", "554 5.5.1 not all recipients");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            refusedSend(server);
            assertEquals("EHLO me\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\n"
                    + "DATA\r\nRSET\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void noChunkIsSentWhenARecipientIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(mixed("PIPELINING", "CHUNKING"))) {
            refusedSend(server);
            assertFalse(server.transcript().contains("BDAT"), server.transcript());
        }
    }

    @Test
    void everyRecipientAcceptedSendsAsUsual() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ALL)) {
                assertEquals(Map.of(), client.sendmail("s@x.test", List.of("a@x.test", "b@x.test"), MSG));
                assertTrue(client.lastRecipientResults().stream().allMatch(RecipientResult::delivered));
            }
            assertEquals("EHLO me\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\nDATA\r\n"
                    + MSG + ".\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void byDefaultTheAcceptedRecipientsGetTheMessage() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(mixed())) {
            SmtpOptions options = SmtpOptions.builder().localHostname("me").build();
            assertFalse(options.requireAllRecipients());
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options)) {
                Map<String, Reply> refused = client.sendmail("s@x.test", List.of("a@x.test", "b@x.test"), MSG);
                assertEquals(Map.of("b@x.test", new Reply(550, "5.1.1 unknown")), refused);
            }
            assertTrue(server.transcript().contains("DATA\r\n"));
        }
    }

    @Test
    void everyRecipientRefusedIsTheUsualException() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "550 5.1.1 unknown");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpRecipientsRefusedException e = refusedSend(server);
            assertTrue(e.getMessage().startsWith("all recipients were refused"), e.getMessage());
            assertEquals(2, e.recipients().size());
        }
    }
}
