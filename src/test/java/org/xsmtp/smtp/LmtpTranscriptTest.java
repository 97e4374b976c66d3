package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** LMTP (RFC 2033) against the scripted server: LHLO, one reply per accepted recipient, partial replies. */
class LmtpTranscriptTest {
    private static final String MSG = "Subject: t\r\n\r\nbody\r\n";

    private static LmtpClient client(ScriptedServer server, boolean pipelining) throws IOException {
        SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(pipelining).build();
        return new LmtpClient("127.0.0.1", server.port(), options);
    }

    private static Dialog lmtp() {
        return Dialog.esmtp("PIPELINING", "ENHANCEDSTATUSCODES").on("MAIL", "250 2.1.0 ok")
                .on("RCPT TO:<b@y.test>", "550 5.1.1 no such user").on("RCPT", "250 2.1.5 ok")
                .on("DATA", "354 go");
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void everyAcceptedRecipientGetsItsOwnReplyAfterTheData(boolean pipelining) throws Exception {
        Dialog dialog = lmtp().onData("250 2.0.0 a delivered", "452 4.2.2 c mailbox full", "250 2.0.0 d delivered");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (LmtpClient client = client(server, pipelining)) {
                Map<String, Reply> refused = client.sendmail("s@x.test",
                        List.of("a@y.test", "b@y.test", "c@y.test", "d@y.test"), MSG);
                Map<String, Reply> expected = new LinkedHashMap<>();
                expected.put("b@y.test", new Reply(550, "5.1.1 no such user"));
                expected.put("c@y.test", new Reply(452, "4.2.2 c mailbox full"));
                assertEquals(expected, refused);
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(List.of(true, false, false, true), results.stream().map(RecipientResult::delivered).toList());
                assertEquals(new Reply(250, "2.0.0 d delivered"), results.get(3).finalReply());
                assertEquals(null, results.get(1).finalReply());
                client.noop();
            }
            assertEquals("LHLO me.test\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<a@y.test>\r\nRCPT TO:<b@y.test>\r\n"
                    + "RCPT TO:<c@y.test>\r\nRCPT TO:<d@y.test>\r\nDATA\r\nSubject: t\r\n\r\nbody\r\n.\r\n"
                    + "NOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void everyRecipientRefusedAtEitherStageRaisesWithAllOfThem(boolean pipelining) throws Exception {
        Dialog dialog = lmtp().onData("552 5.2.2 a over quota");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (LmtpClient client = client(server, pipelining)) {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail("s@x.test", List.of("a@y.test", "b@y.test"), MSG));
                assertEquals(Map.of("a@y.test", new Reply(552, "5.2.2 a over quota"),
                        "b@y.test", new Reply(550, "5.1.1 no such user")), e.recipients());
                assertEquals(2, e.results().size());
                client.noop();
            }
            assertFalse(server.transcript().contains("RSET"), server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void dropAfterTwoOfThreeRepliesReportsTheThirdAsNotDelivered(boolean pipelining) throws Exception {
        Dialog dialog = lmtp().onDataClose("250 2.0.0 a ok", "250 2.0.0 c ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            LmtpClient client = client(server, pipelining);
            Map<String, Reply> refused = client.sendmail("s@x.test", List.of("a@y.test", "c@y.test", "d@y.test"), MSG);
            assertEquals(List.of("d@y.test"), List.copyOf(refused.keySet()));
            Reply third = refused.get("d@y.test");
            assertTrue(third.isTransient(), third.toString());
            assertEquals("4.4.2", third.enhancedStatus());
            assertTrue(third.message().contains("not delivered"), third.message());
            RecipientResult d = client.lastRecipientResults().get(2);
            assertTrue(d.unconfirmed());
            assertFalse(d.delivered());
            assertTrue(client.lastRecipientResults().get(0).delivered());
            assertTrue(client.lastRecipientResults().get(1).delivered());
            assertFalse(client.isConnected());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void dropAfterOnlyRefusalsIsAnUnknownOutcomeNotAllRefused(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(lmtp().onDataClose("452 4.2.2 a@y.test over quota"))) {
            LmtpClient client = client(server, pipelining);
            SmtpOutcomeUnknownException e = assertThrows(SmtpOutcomeUnknownException.class,
                    () -> client.sendmail("s@x.test", List.of("a@y.test", "c@y.test"), MSG));
            RecipientResult a = e.recipients().get(0);
            assertEquals(new Reply(452, "4.2.2 a@y.test over quota"), a.finalReply());
            assertFalse(a.unconfirmed());
            RecipientResult c = e.recipients().get(1);
            assertTrue(c.unconfirmed());
            assertFalse(c.delivered());
            assertEquals(e.recipients(), client.lastRecipientResults());
            assertFalse(client.isConnected());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void dropBeforeAnyReplyIsAnUnknownOutcome(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(lmtp().onDataClose())) {
            LmtpClient client = client(server, pipelining);
            SmtpOutcomeUnknownException e = assertThrows(SmtpOutcomeUnknownException.class,
                    () -> client.sendmail("s@x.test", List.of("a@y.test", "c@y.test"), MSG));
            assertTrue(e.recipients().stream().allMatch(RecipientResult::unconfirmed));
            assertFalse(client.isConnected());
        }
    }

    @Test
    void duplicateRecipientsKeepTheirOwnReplies() throws Exception {
        Dialog dialog = lmtp().onData("250 2.0.0 first copy", "452 4.2.2 second copy refused");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (LmtpClient client = client(server, true)) {
                client.sendmail("s@x.test", List.of("a@y.test", "a@y.test"), MSG);
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals("first copy", results.get(0).finalReply().message().substring(6));
                assertEquals(452, results.get(1).finalReply().code());
            }
        }
    }

    @Test
    void lowLevelDataReadsEveryReplyAndKeepsTheSessionInStep() throws Exception {
        Dialog dialog = lmtp().onData("250 2.0.0 a ok", "450 4.2.0 c later");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (LmtpClient client = client(server, false)) {
                client.ehlo();
                client.mail("s@x.test");
                client.rcpt("a@y.test");
                client.rcpt("b@y.test");
                client.rcpt("c@y.test");
                assertEquals(new Reply(250, "2.0.0 a ok"), client.data(MSG));
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(3, results.size());
                assertEquals(new Reply(450, "4.2.0 c later"), results.get(2).finalReply());
                assertEquals(250, client.noop().code());
            }
            assertTrue(server.transcript().endsWith(".\r\nNOOP\r\nQUIT\r\n"), server.transcript());
        }
    }

    @Test
    void lowLevelDataWithNoAcceptedRecipientReadsOneReplyAsSmtp() throws Exception {
        // RFC 2033 says DATA must then fail with 503; a server that answers 354 anyway has no recipient to
        // report on, so (as smtplib) one reply to the end of data is read and returned
        Dialog dialog = lmtp().onData("554 5.5.1 no valid recipients");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (LmtpClient client = client(server, false)) {
                client.ehlo();
                client.mail("s@x.test");
                assertEquals(550, client.rcpt("b@y.test").code());
                assertEquals(new Reply(554, "5.5.1 no valid recipients"), client.data(MSG));
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(1, results.size());
                assertEquals(null, results.get(0).finalReply());
                assertEquals(250, client.noop().code());
            }
            assertTrue(server.transcript().endsWith("RCPT TO:<b@y.test>\r\nDATA\r\n" + MSG + ".\r\nNOOP\r\nQUIT\r\n"),
                    server.transcript());
        }
    }

    @Test
    void lhloRefusedHasNoHeloFallback() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.greeting("220 lmtp").on("LHLO", "500 5.5.1 no"))) {
            LmtpClient client = client(server, true);
            SmtpHeloException e = assertThrows(SmtpHeloException.class,
                    () -> client.sendmail("s@x.test", List.of("a@y.test"), MSG));
            assertEquals(500, e.code());
            client.abort();
            assertEquals("LHLO me.test\r\n", server.transcript());
        }
    }

    @Test
    void defaultPortIs2003() {
        assertEquals(2003, SmtpClient.LMTP_PORT);
        assertEquals(Kind.LMTP.defaultPort, SmtpClient.LMTP_PORT);
    }

    @Test
    void socketPathsThatDoNotExistOrAreNotSocketsAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such.sock");
        IOException e = assertThrows(IOException.class, () -> new LmtpClient(missing.toString(), 0));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        e = assertThrows(IOException.class, () -> new LmtpClient(file.toString(), 0));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a Unix socket"),
                e.getMessage());
        e = assertThrows(IOException.class, () -> new LmtpClient(dir.toString(), 0));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("directory"), e.getMessage());
    }
}
