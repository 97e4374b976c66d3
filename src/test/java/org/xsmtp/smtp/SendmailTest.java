package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * smtplib's sendmail rules, each checked on the exact bytes the client wrote, with PIPELINING used and not
 * used: the replies, the refused map and the exceptions must be the same; only the commands a pipelined
 * client had already sent when a failure showed up may differ.
 */
class SendmailTest {
    private static final String MSG = "Subject: hi\r\n\r\nbody\r\n";
    private static final String BODY = "Subject: hi\r\n\r\nbody\r\n.\r\n";

    private static SmtpClient client(ScriptedServer server, boolean pipelining) throws Exception {
        SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(pipelining)
                .timeout(Duration.ofSeconds(5)).build();
        return new SmtpClient("127.0.0.1", server.port(), options);
    }

    private static Dialog server(String... extensions) {
        return Dialog.esmtp(extensions).on("MAIL", "250 2.1.0 Ok").on("RCPT", "250 2.1.5 Ok")
                .on("DATA", "354 End data with <CR><LF>.<CR><LF>");
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void sendsTheEnvelopeWithSizeAndReturnsTheRefusedRecipients(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING", "SIZE 10000").on("MAIL", "250 2.1.0 Ok")
                .on("RCPT TO:<b@y.test>", "550 5.1.1 no such user").on("RCPT", "250 2.1.5 Ok")
                .on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                Map<String, Reply> refused = client.sendmail("a@x.test",
                        List.of("Alice <a@y.test>", "b@y.test", "c@y.test"), MSG);
                assertEquals(Map.of("b@y.test", new Reply(550, "5.1.1 no such user")), refused);
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(3, results.size());
                assertTrue(results.get(0).delivered());
                assertFalse(results.get(1).delivered());
                assertEquals("5.1.1", results.get(1).decisive().enhancedStatus());
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test> SIZE=" + MSG.length() + "\r\n"
                    + "RCPT TO:<a@y.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n" + BODY
                    + "QUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void normalisesLineEndsAndStuffsDots(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendmail("a@x.test", List.of("b@y.test"),
                        ".first\nsecond\r.third\r\n..fourth".getBytes(StandardCharsets.US_ASCII));
            }
            assertTrue(server.transcript().contains("DATA\r\n..first\r\nsecond\r\n..third\r\n...fourth\r\n.\r\n"
                    + "QUIT\r\n"), server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void optionsGoOnlyToEsmtpServers(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.greeting("220 old").on("EHLO", "502 5.5.2 no").on("HELO", "250 old")
                .on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go").onClose("QUIT", "221 bye");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendmail("a@x.test", List.of("b@y.test"), MSG, List.of("BODY=8BITMIME"),
                        List.of("NOTIFY=NEVER"));
            }
            assertEquals("EHLO me.test\r\nHELO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n"
                    + BODY + "QUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void optionsAreSentToEsmtpServersWithoutSizeWhenNotAdvertised(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "DSN"))) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendmail("a@x.test", List.of("b@y.test"), MSG, List.of("BODY=8BITMIME", "RET=HDRS"),
                        List.of("NOTIFY=SUCCESS,FAILURE"));
            }
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<a@x.test> BODY=8BITMIME RET=HDRS\r\n"
                    + "RCPT TO:<b@y.test> NOTIFY=SUCCESS,FAILURE\r\nDATA\r\n"), server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void smtputf8WithoutServerSupportFailsBeforeMail(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            SmtpClient client = client(server, pipelining);
            SmtpNotSupportedException e = assertThrows(SmtpNotSupportedException.class,
                    () -> client.sendmail("jörg@x.test", List.of("b@y.test"), MSG, List.of("SMTPUTF8"), List.of()));
            assertEquals("SMTPUTF8 not supported by server", e.getMessage());
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void smtputf8SendsUtf8Addresses(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "SMTPUTF8", "8BITMIME"))) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendmail("jörg@exämple.test", List.of("δοκιμή@παράδειγμα.test"), MSG,
                        List.of("SMTPUTF8"), List.of());
            }
            byte[] expected = ("EHLO me.test\r\nMAIL FROM:<jörg@exämple.test> SMTPUTF8\r\n"
                    + "RCPT TO:<δοκιμή@παράδειγμα.test>\r\nDATA\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] actual = server.transcriptBytes();
            assertEquals(new String(expected, StandardCharsets.ISO_8859_1),
                    new String(actual, 0, expected.length, StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void nonAsciiAddressWithoutSmtputf8IsRejectedBeforeAnythingIsSent(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "SMTPUTF8"))) {
            SmtpClient client = client(server, pipelining);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.sendmail("a@x.test", List.of("ok@y.test", "jörg@y.test"), MSG));
            assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void refusedSenderIsFollowedByRset(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "550 5.7.1 sender blocked")
                .on("RCPT", "503 5.5.1 need MAIL").on("DATA", "503 5.5.1 need RCPT");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                SmtpSenderRefusedException e = assertThrows(SmtpSenderRefusedException.class,
                        () -> client.sendmail("Bad <bad@x.test>", List.of("b@y.test"), MSG));
                assertEquals(550, e.code());
                assertEquals("5.7.1 sender blocked", e.error());
                assertEquals("Bad <bad@x.test>", e.sender());
                assertTrue(client.isConnected());
            }
            String sentAfterMail = pipelining ? "RCPT TO:<b@y.test>\r\nDATA\r\n" : "";
            assertEquals("EHLO me.test\r\nMAIL FROM:<bad@x.test>\r\n" + sentAfterMail + "RSET\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void serviceClosingOnMailClosesWithoutRset(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").onClose("MAIL", "421 4.3.2 shutting down");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server, pipelining);
            SmtpSenderRefusedException e = assertThrows(SmtpSenderRefusedException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            assertEquals(421, e.code());
            assertTrue(e.isTransient());
            assertFalse(client.isConnected());
            assertThrows(SmtpServerDisconnectedException.class, client::noop);
            client.close();
            String transcript = server.transcript();
            assertTrue(transcript.startsWith("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\n"), transcript);
            assertFalse(transcript.contains("RSET"), transcript);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void allRecipientsRefusedRaisesWithTheMapAndResets(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok")
                .on("RCPT TO:<b@y.test>", "550 5.1.1 unknown b").on("RCPT TO:<c@y.test>", "450 4.2.1 try later")
                .on("DATA", "554 5.5.1 no valid recipients");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test", "c@y.test"), MSG));
                assertEquals(Map.of("b@y.test", new Reply(550, "5.1.1 unknown b"),
                        "c@y.test", new Reply(450, "4.2.1 try later")), e.recipients());
                assertEquals(List.of("b@y.test", "c@y.test"), List.copyOf(e.recipients().keySet()));
            }
            String data = pipelining ? "DATA\r\n" : "";
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\n"
                    + data + "RSET\r\nQUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void dataAcceptedDespiteNoRecipientsIsAnsweredWithAnEmptyMessage(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT", "550 no").on("DATA", "354 go")
                .onData("554 5.5.1 no recipients");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            }
            String data = pipelining ? "DATA\r\n.\r\n" : "";
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n" + data
                    + "RSET\r\nQUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void serviceClosingOnRcptClosesAndReportsRecipientsSoFar(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT TO:<b@y.test>", "250 ok")
                .onClose("RCPT TO:<c@y.test>", "421 4.4.5 too busy");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server, pipelining);
            SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test", "c@y.test", "d@y.test"), MSG));
            assertEquals(Map.of("c@y.test", new Reply(421, "4.4.5 too busy")), e.recipients());
            assertFalse(client.isConnected());
            String transcript = server.transcript();
            assertFalse(transcript.contains("RSET"), transcript);
            assertTrue(transcript.startsWith("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n"
                    + "RCPT TO:<c@y.test>\r\n"), transcript);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void refusedDataRaisesDataErrorAndResets(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("DATA", "451 4.3.0 queue full");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                SmtpDataException e = assertThrows(SmtpDataException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
                assertEquals(451, e.code());
                assertEquals("DATA", e.command());
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\nRSET\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void serviceClosingOnDataClosesWithoutRset(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .onClose("DATA", "421 4.3.2 bye");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server, pipelining);
            SmtpDataException e = assertThrows(SmtpDataException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            assertEquals(421, e.code());
            assertFalse(client.isConnected());
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n",
                    server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void messageRefusedAtEndOfDataRaisesDataErrorAndResets(boolean pipelining) throws Exception {
        Dialog dialog = server("PIPELINING").onData("552 5.3.4 message too big");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                SmtpDataException e = assertThrows(SmtpDataException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
                assertEquals(552, e.code());
                assertTrue(e.isPermanent());
                assertEquals(new Reply(552, "5.3.4 message too big"),
                        client.lastRecipientResults().get(0).finalReply());
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n" + BODY
                    + "RSET\r\nQUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void serviceClosingAtEndOfDataClosesWithoutRset(boolean pipelining) throws Exception {
        Dialog dialog = server("PIPELINING").onDataClose("421 4.3.2 shutting down");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server, pipelining);
            SmtpDataException e = assertThrows(SmtpDataException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            assertEquals(421, e.code());
            assertFalse(client.isConnected());
            assertFalse(server.transcript().contains("RSET"));
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void dropAfterTheEndOfDataIsAnUnknownOutcome(boolean pipelining) throws Exception {
        Dialog dialog = server("PIPELINING").onDataClose();
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server, pipelining);
            SmtpOutcomeUnknownException e = assertThrows(SmtpOutcomeUnknownException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test", "c@y.test"), MSG));
            assertEquals(2, e.recipients().size());
            assertTrue(e.recipients().stream().allMatch(RecipientResult::unconfirmed));
            assertTrue(e.recipients().stream().noneMatch(RecipientResult::delivered));
            assertFalse(client.isConnected());
            assertTrue(server.transcript().endsWith(BODY));
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void timeoutAfterTheEndOfDataIsAnUnknownOutcome(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> {
            s.reply("220 x").read().reply("250-x", "250 PIPELINING");
            if (pipelining) {
                s.read(3).reply("250 ok", "250 ok", "354 go");
            } else {
                s.read().reply("250 ok").read().reply("250 ok").read().reply("354 go");
            }
            s.readData().pause(1500).readToEnd();
        })) {
            SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(pipelining)
                    .timeout(Duration.ofMillis(400)).build();
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options);
            SmtpOutcomeUnknownException e = assertThrows(SmtpOutcomeUnknownException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            assertInstanceOf(SmtpTimeoutException.class, e.getCause());
            assertFalse(client.isConnected());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void duplicateRecipientsStayApartInTheResults(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 ok").on("RCPT", "250 first").on("RCPT", "450 second")
                .on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                Map<String, Reply> refused = client.sendmail("a@x.test", List.of("d@y.test", "d@y.test"), MSG);
                assertEquals(Map.of("d@y.test", new Reply(450, "second")), refused);
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(2, results.size());
                assertTrue(results.get(0).delivered());
                assertFalse(results.get(1).delivered());
            }
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void noRecipientsIsRejectedBeforeAnythingIsSent(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            SmtpClient client = client(server, pipelining);
            assertThrows(IllegalArgumentException.class, () -> client.sendmail("a@x.test", List.of(), MSG));
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void nonAsciiStringMessageIsRejectedBeforeAnythingIsSent(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            SmtpClient client = client(server, pipelining);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), "Subject: café\r\n\r\n"));
            assertTrue(e.getMessage().contains("U+00E9"), e.getMessage());
            client.abort();
            assertEquals("", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void injectionThroughAddressesOrParametersIsRejected(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "DSN"))) {
            SmtpClient client = client(server, pipelining);
            client.ehlo();
            for (String bad : List.of("a@b> NOTIFY=SUCCESS", "a@b>\r\nRCPT TO:<evil@x>", "\"a\r\nb\"@x",
                    "a@b\u0000", "<a@b> <c@d>", "a b@c")) {
                assertThrows(IllegalArgumentException.class,
                        () -> client.sendmail("a@x.test", List.of(bad), MSG), bad);
                assertThrows(IllegalArgumentException.class,
                        () -> client.sendmail(bad, List.of("b@y.test"), MSG), bad);
            }
            for (String badOption : List.of("NOTIFY=SUCCESS ORCPT=rfc822;x@y", "RET=HDRS\r\nRSET", "=x",
                    "SIZE=", "BODY=8BIT\u0000")) {
                assertThrows(IllegalArgumentException.class, () -> client.sendmail("a@x.test",
                        List.of("b@y.test"), MSG, List.of(badOption), List.of()), badOption);
                assertThrows(IllegalArgumentException.class, () -> client.sendmail("a@x.test",
                        List.of("b@y.test"), MSG, List.of(), List.of(badOption)), badOption);
            }
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void manyMessagesOverOneConnection(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            try (SmtpClient client = client(server, pipelining)) {
                for (int i = 0; i < 20; i++) {
                    assertTrue(client.sendmail("a@x.test", List.of("b@y.test"), MSG).isEmpty());
                }
            }
            String transcript = server.transcript();
            assertEquals(20, transcript.split("MAIL FROM:", -1).length - 1);
            assertEquals(20, transcript.split("\r\n\\.\r\n", -1).length - 1);
        }
    }
}
