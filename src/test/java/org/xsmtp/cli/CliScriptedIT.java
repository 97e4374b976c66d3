package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.cli.CliProcess.ascii;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The packaged command line against the scripted server: the exact envelope and bytes it sends, what it
 * prints and its exit status.
 */
class CliScriptedIT {
    private static Dialog server(String... extensions) {
        return Dialog.esmtp(extensions).on("MAIL", "250 2.1.0 Ok").on("RCPT", "250 2.1.5 Ok")
                .on("DATA", "354 End data with <CR><LF>.<CR><LF>");
    }

    private static CliProcess.Result send(ScriptedServer server, String message, String... args) {
        return send(server, message, Map.of(), args);
    }

    private static CliProcess.Result send(ScriptedServer server, String message, Map<String, String> env,
            String... args) {
        List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(server.port()),
                "--helo", "me.test"));
        all.addAll(List.of(args));
        return CliProcess.run(message.getBytes(StandardCharsets.UTF_8), env, all.toArray(String[]::new));
    }

    @Test
    void dashTTakesTheResentBlockAndStripsBothBccFieldsWhileSendingTheRestUnchanged() throws Exception {
        String message = "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
                + "Resent-From: Rita <rita@x.test>\n"
                + "Resent-To: Rob <rob@y.test>\n"
                + "Resent-Bcc: hidden@y.test,\n  also-hidden@y.test\n"
                + "From: Alice <alice@x.test>\n"
                + "To: bob@y.test\n"
                + "BCC: old-hidden@y.test\n"
                + "Subject: fwd\n"
                + "\n"
                + "Bcc: in the body, kept\n"
                + ".\n";
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "8BITMIME"))) {
            CliProcess.Result r = send(server, message, "-t", "-i");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.out() + r.err(), r.toString());
            assertEquals("EHLO me.test\r\n"
                    + "MAIL FROM:<rita@x.test>\r\n"
                    + "RCPT TO:<rob@y.test>\r\n"
                    + "RCPT TO:<hidden@y.test>\r\n"
                    + "RCPT TO:<also-hidden@y.test>\r\n"
                    + "DATA\r\n"
                    + "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
                    + "Resent-From: Rita <rita@x.test>\r\n"
                    + "Resent-To: Rob <rob@y.test>\r\n"
                    + "From: Alice <alice@x.test>\r\n"
                    + "To: bob@y.test\r\n"
                    + "Subject: fwd\r\n"
                    + "\r\n"
                    + "Bcc: in the body, kept\r\n"
                    + "..\r\n"
                    + ".\r\n"
                    + "QUIT\r\n", server.transcript());
        }
    }

    @Test
    void dashFAndCommandLineRecipientsWithoutDashT() throws Exception {
        String message = "From: alice@x.test\nTo: bob@y.test\nBcc: carol@y.test\n\nhi\n";
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, message, "-f", "bounces@x.test", "dave@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\nMAIL FROM:<bounces@x.test>\r\nRCPT TO:<dave@y.test>\r\nDATA\r\n"
                    + "From: alice@x.test\r\nTo: bob@y.test\r\n\r\nhi\r\n.\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void dashTAddsTheCommandLineRecipientsAfterTheHeaderOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, "From: alice@x.test\nTo: bob@y.test\nCc: carol@y.test\n\nhi\n");
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, "", "-ti", "--file", file.toString(), "dave@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<alice@x.test>\r\n"
                    + "RCPT TO:<bob@y.test>\r\nRCPT TO:<carol@y.test>\r\nRCPT TO:<dave@y.test>\r\nDATA\r\n"),
                    server.transcript());
        }
    }

    @Test
    void aPartialFailurePrintsEachRefusedRecipientWithItsReply() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 2.1.0 Ok")
                .on("RCPT", "250 2.1.5 Ok").on("RCPT", "550 5.1.1 <b@y.test>: no such user")
                .on("RCPT", "550 5.7.1 relaying denied").on("RCPT", "250 2.1.5 Ok")
                .on("DATA", "354 go ahead");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\nTo: a@y.test, b@y.test, c@z.test, d@y.test\n\nhi\n",
                    "-t");
            assertEquals(69, r.exit(), r.toString());
            assertEquals("xsmtp: refused b@y.test: 550 5.1.1 <b@y.test>: no such user\n"
                    + "xsmtp: refused c@z.test: 550 5.7.1 relaying denied\n"
                    + "xsmtp: 2 of 4 recipient(s) refused; the others got the message\n", r.err());
            assertTrue(server.transcript().contains("DATA\r\nFrom: a@x.test\r\n"), server.transcript());
        }
    }

    @Test
    void aTemporaryRefusalIsExit75() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 Ok").on("RCPT", "250 Ok")
                .on("RCPT", "451 4.3.0 try later").on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "a@y.test", "b@y.test");
            assertEquals(75, r.exit(), r.toString());
            assertEquals("xsmtp: refused b@y.test: 451 4.3.0 try later\n"
                    + "xsmtp: 1 of 2 recipient(s) refused; the others got the message\n", r.err());
        }
    }

    @Test
    void everyRecipientRefusedIsExit69AndNoData() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 Ok").on("RCPT", "550 5.1.1 unknown");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "a@y.test");
            assertEquals(69, r.exit(), r.toString());
            assertEquals("xsmtp: refused a@y.test: 550 5.1.1 unknown\n"
                    + "xsmtp: every recipient was refused; the message was not delivered\n", r.err());
            assertFalse(server.transcript().contains("DATA"), server.transcript());
        }
    }

    @Test
    void lmtpReportsTheRecipientRefusedAfterTheData() throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 Ok").on("RCPT", "250 Ok")
                .on("DATA", "354 go").onData("250 2.0.0 a@y.test delivered", "552 5.2.2 b@y.test mailbox full");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "--lmtp", "a@y.test", "b@y.test");
            assertEquals(69, r.exit(), r.toString());
            assertEquals("xsmtp: refused b@y.test: 552 5.2.2 b@y.test mailbox full\n"
                    + "xsmtp: 1 of 2 recipient(s) refused; the others got the message\n", r.err());
            assertTrue(server.transcript().startsWith("LHLO me.test\r\n"), server.transcript());
        }
    }

    @Test
    void aLostVerdictSaysTheMessageMayHaveBeenDelivered() throws Exception {
        Dialog dialog = server().onDataClose();
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "a@y.test");
            assertEquals(75, r.exit(), r.toString());
            assertTrue(r.err().startsWith("xsmtp: the message MAY HAVE BEEN DELIVERED: it was sent completely,"),
                    r.toString());
        }
    }

    @Test
    void refusedSenderAndRefusedDataMapToTheirStatus() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp().on("MAIL", "452 4.3.1 full"))) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "a@y.test");
            assertEquals(75, r.exit(), r.toString());
            assertTrue(r.err().startsWith("xsmtp: the server refused the sender: MAIL FROM:<a@x.test>: 452 4.3.1"
                    + " full"), r.toString());
        }
        try (ScriptedServer server = ScriptedServer.start(server().onData("554 5.6.0 content rejected"))) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "a@y.test");
            assertEquals(65, r.exit(), r.toString());
            assertTrue(r.err().contains("554 5.6.0 content rejected"), r.toString());
        }
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndTheTraceMasksIt() throws Exception {
        Dialog dialog = server("AUTH PLAIN").on("AUTH", "235 2.7.0 Authentication successful");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", Map.of("SMTP_PASS", "s3cret-pw"),
                    "--user", "alice", "--password-env", "SMTP_PASS", "--debug", "a@y.test");
            assertEquals(0, r.exit(), r.toString());
            String plain = Base64.getEncoder().encodeToString("\0alice\0s3cret-pw".getBytes(StandardCharsets.UTF_8));
            assertTrue(server.transcript().contains("AUTH PLAIN " + plain + "\r\n"), server.transcript());
            assertTrue(r.err().contains("send: 'AUTH PLAIN ****\\r\\n'"), r.toString());
            assertFalse(r.err().contains(plain) || r.err().contains("s3cret-pw"), r.toString());
        }
    }

    @Test
    void thePasswordFileGivesItsFirstLineAndABadPasswordIsExit77(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "file-pw\nignored\n");
        Dialog dialog = server("AUTH PLAIN").on("AUTH", "535 5.7.8 Authentication credentials invalid");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "--user", "alice", "--password-file",
                    file.toString(), "a@y.test");
            assertEquals(77, r.exit(), r.toString());
            String plain = Base64.getEncoder().encodeToString("\0alice\0file-pw".getBytes(StandardCharsets.UTF_8));
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nAUTH PLAIN " + plain + "\r\n"),
                    server.transcript());
            assertTrue(r.err().startsWith("xsmtp: authentication failed: "), r.toString());
        }
    }

    @Test
    void aPasswordIsNeverAcceptedOnTheCommandLine() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("AUTH PLAIN"))) {
            for (List<String> args : List.of(List.of("--password", "hunter2"), List.of("--password=hunter2"),
                    List.of("--pass=hunter2"))) {
                List<String> all = new ArrayList<>(List.of("--user", "alice"));
                all.addAll(args);
                all.add("a@y.test");
                CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", all.toArray(String[]::new));
                assertEquals(64, r.exit(), r.toString());
                assertTrue(r.err().startsWith("xsmtp: a password option is not accepted: a password on the command"
                        + " line can be read by other users"), r.toString());
                assertFalse((r.out() + r.err()).contains("hunter2"), r.toString());
            }
            assertEquals(0, server.connections());
        }
    }

    @Test
    void anUnsetPasswordVariableIsExit78() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "--user", "alice", "--password-env",
                    "XSMTP_TEST_UNSET_VARIABLE", "a@y.test");
            assertEquals(78, r.exit(), r.toString());
            assertEquals("xsmtp: the environment variable XSMTP_TEST_UNSET_VARIABLE (--password-env) is not set\n",
                    r.err());
        }
    }

    @Test
    void starttlsIsRequiredWhenAsked() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "--starttls", "a@y.test");
            assertEquals(69, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\n", server.receivedSoFar().substring(0, 14));
            assertFalse(server.receivedSoFar().contains("MAIL"), server.receivedSoFar());
        }
    }

    @Test
    void aMalformedReplyIsAProtocolError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.raw("220-hi\r\n250 mixed codes\r\n").readToEnd())) {
            CliProcess.Result r = send(server, "From: a@x.test\n\nhi\n", "a@y.test");
            assertEquals(76, r.exit(), r.toString());
            assertTrue(r.err().startsWith("xsmtp: protocol error: "), r.toString());
        }
    }

    @Test
    void aMboxIsSentMessageByMessageOverOneConnection(@TempDir Path dir) throws Exception {
        Path mbox = dir.resolve("box");
        Files.writeString(mbox, "From alice@x.test Mon Jan  1 00:00:00 2024\n"
                + "From: alice@x.test\nTo: b@y.test\nSubject: one\n\n>From the start\n>>From kept once\n\n"
                + "From carol@x.test Mon Jan  1 00:00:01 2024\n"
                + "From: carol@x.test\nTo: d@y.test\nBcc: e@y.test\nSubject: two\n\nsecond\n\n");
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, "", "-t", "--mbox", mbox.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals("xsmtp: 2 of 2 message(s) sent, 0 failed\n", r.err());
            assertEquals("EHLO me.test\r\n"
                    + "MAIL FROM:<alice@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n"
                    + "From: alice@x.test\r\nTo: b@y.test\r\nSubject: one\r\n\r\nFrom the start\r\n>From kept once\r\n"
                    + ".\r\n"
                    + "MAIL FROM:<carol@x.test>\r\nRCPT TO:<d@y.test>\r\nRCPT TO:<e@y.test>\r\nDATA\r\n"
                    + "From: carol@x.test\r\nTo: d@y.test\r\nSubject: two\r\n\r\nsecond\r\n.\r\n"
                    + "QUIT\r\n", server.transcript());
        }
    }

    // sendmail's options as cron, mail(1) and friends pass them

    @Test
    void debianCronsInvocationIsAcceptedAndAsksForEightBitMimeOnlyWhereOffered() throws Exception {
        String message = "From: cron@x.test\nTo: root\nSubject: cron\n\noutput\n";
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "8BITMIME"))) {
            CliProcess.Result r = send(server, message, "-FCronDaemon", "-i", "-B8BITMIME", "-oem", "root");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\nMAIL FROM:<cron@x.test> BODY=8BITMIME\r\nRCPT TO:<root>\r\nDATA\r\n"
                    + "From: cron@x.test\r\nTo: root\r\nSubject: cron\r\n\r\noutput\r\n.\r\nQUIT\r\n",
                    server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            CliProcess.Result r = send(server, message, "-F", "CronDaemon", "-i", "-B", "8BITMIME", "-oem", "root");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<cron@x.test>\r\nRCPT TO:<root>\r\n"),
                    server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(server("8BITMIME"))) {
            CliProcess.Result r = send(server, message, "-B7BIT", "root");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<cron@x.test>\r\n"),
                    server.transcript());
        }
    }

    @Test
    void dsnOptionsBecomeMailAndRcptParametersOnlyWhereDsnIsOffered() throws Exception {
        String message = "From: a@x.test\nTo: b@y.test\n\nhi\n";
        try (ScriptedServer server = ScriptedServer.start(server("DSN", "8BITMIME"))) {
            CliProcess.Result r = send(server, message, "-N", "success,Failure", "-Rhdrs", "-V", "id+1 =x",
                    "-B8BITMIME", "b@y.test", "c@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\n"
                    + "MAIL FROM:<a@x.test> BODY=8BITMIME RET=HDRS ENVID=id+2B1+20+3Dx\r\n"
                    + "RCPT TO:<b@y.test> NOTIFY=SUCCESS,FAILURE\r\nRCPT TO:<c@y.test> NOTIFY=SUCCESS,FAILURE\r\n"
                    + "DATA\r\n"), server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(server("DSN"))) {
            CliProcess.Result r = send(server, message, "-Nnever", "-R", "FULL", "b@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<a@x.test> RET=FULL\r\n"
                    + "RCPT TO:<b@y.test> NOTIFY=NEVER\r\nDATA\r\n"), server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            CliProcess.Result r = send(server, message, "-N", "delay", "-R", "hdrs", "-V", "id1", "b@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\n"
                    + "RCPT TO:<b@y.test>\r\nDATA\r\n"), server.transcript());
        }
    }

    @Test
    void shortOptionsCombineGetoptStyleWithTheirValueAttachedOrNext() throws Exception {
        String message = "From: a@x.test\nTo: b@y.test\n\nhi\n";
        List<List<String>> forms = List.of(List.of("-tf", "s@x.test"), List.of("-tfs@x.test"),
                List.of("-if", "s@x.test", "b@y.test"), List.of("-ti", "-r", "s@x.test"),
                List.of("-F", "Cron Daemon", "-h", "5", "-L", "tag", "-odi", "-o", "i", "-bm", "-t", "-fs@x.test"),
                List.of("-oi", "-b", "m", "-h5", "-Ltag", "-tir", "s@x.test"));
        for (List<String> form : forms) {
            try (ScriptedServer server = ScriptedServer.start(server())) {
                CliProcess.Result r = send(server, message, form.toArray(String[]::new));
                assertEquals(0, r.exit(), form + ": " + r);
                assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<s@x.test>\r\n"
                        + "RCPT TO:<b@y.test>\r\nDATA\r\n"), form + ": " + server.transcript());
            }
        }
    }

    // a line holding a single dot ends standard input, unless -i / -oi

    @Test
    void aLineWithASingleDotEndsTheMessageOnStandardInput() throws Exception {
        for (String end : List.of(".\n", ".\r\n", ".")) {
            String message = "From: a@x.test\nTo: b@y.test\n\nbefore\n" + end + (end.equals(".") ? "" : "after\n");
            try (ScriptedServer server = ScriptedServer.start(server())) {
                CliProcess.Result r = send(server, message, "-t");
                assertEquals(0, r.exit(), r.toString());
                assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n"
                        + "From: a@x.test\r\nTo: b@y.test\r\n\r\nbefore\r\n.\r\nQUIT\r\n", server.transcript());
            }
        }
    }

    @Test
    void withDashIOrDashOiTheDotLineIsContentAndDotStuffed() throws Exception {
        String message = "From: a@x.test\nTo: b@y.test\n\nbefore\n.\nafter\n";
        for (String option : List.of("-i", "-oi")) {
            try (ScriptedServer server = ScriptedServer.start(server())) {
                CliProcess.Result r = send(server, message, "-t", option);
                assertEquals(0, r.exit(), r.toString());
                assertTrue(server.transcript().contains("\r\n\r\nbefore\r\n..\r\nafter\r\n.\r\nQUIT\r\n"),
                        option + ": " + server.transcript());
            }
        }
    }

    @Test
    void aMessageFileIsReadToItsEndWithoutDashI(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, "From: a@x.test\nTo: b@y.test\n\nbefore\n.\nafter\n");
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, "", "-t", "--file", file.toString());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().contains("\r\n\r\nbefore\r\n..\r\nafter\r\n.\r\nQUIT\r\n"),
                    server.transcript());
        }
    }

    @Test
    void aCallerThatEndsWithTheDotLineAndKeepsStandardInputOpenGetsTheMessageSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server())) {
            List<String> args = List.of("--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--helo",
                    "me.test", "-t");
            CliProcess.Result r = CliProcess.runKeepingStdinOpen(ascii("From: a@x.test\nTo: b@y.test\n\nhi\n.\n"),
                    args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n"
                    + "From: a@x.test\r\nTo: b@y.test\r\n\r\nhi\r\n.\r\nQUIT\r\n", server.transcript());
        }
    }

    // several Resent-* blocks with an explicit envelope

    @Test
    void twoResentBlocksAreSentWhenTheEnvelopeIsExplicit() throws Exception {
        String message = "Resent-Date: Tue, 2 Jan 2024 10:00:00 +0000\n"
                + "Resent-From: rita@x.test\n"
                + "Resent-Bcc: hidden@y.test\n"
                + "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
                + "Resent-From: ron@x.test\n"
                + "From: alice@x.test\n"
                + "To: bob@y.test\n"
                + "Bcc: old@y.test\n"
                + "\nhi\n";
        String content = "DATA\r\nResent-Date: Tue, 2 Jan 2024 10:00:00 +0000\r\nResent-From: rita@x.test\r\n"
                + "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nResent-From: ron@x.test\r\n"
                + "From: alice@x.test\r\nTo: bob@y.test\r\n\r\nhi\r\n.\r\nQUIT\r\n";
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, message, "-f", "s@x.test", "dave@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\nMAIL FROM:<s@x.test>\r\nRCPT TO:<dave@y.test>\r\n" + content,
                    server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, message, "dave@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\nMAIL FROM:<alice@x.test>\r\nRCPT TO:<dave@y.test>\r\n" + content,
                    server.transcript());
        }
    }

    // a file that is not an mbox

    @Test
    void aFileThatIsNotAnMboxIsExit65AndNothingIsSent(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("message.eml");
        Files.writeString(plain, "From: alice@x.test\nTo: b@y.test\n\nhi\n");
        Path late = dir.resolve("late");
        Files.writeString(late, "\nstray text\nFrom alice@x.test Mon Jan  1 00:00:00 2024\nFrom: alice@x.test\n\nhi\n");
        for (Path file : List.of(plain, late)) {
            try (ScriptedServer server = ScriptedServer.start(server())) {
                CliProcess.Result r = send(server, "", "-t", "--mbox", file.toString());
                assertEquals(65, r.exit(), r.toString());
                assertEquals("xsmtp: --mbox " + file + " is not an mbox file: it does not start with a 'From '"
                        + " separator line; nothing was sent (to send one message, use --file)\n", r.err());
                assertEquals(0, server.connections());
            }
        }
    }

    @Test
    void anEmptyMboxIsAnEmptyMailbox(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, "", "-t", "--mbox", empty.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals("xsmtp: 0 of 0 message(s) sent, 0 failed\n", r.err());
            assertFalse(server.transcript().contains("MAIL"), server.transcript());
        }
    }

    // -t plus command-line recipients

    @Test
    void dashTWithCommandLineRecipientsSendsEachAddressOnce() throws Exception {
        String message = "From: alice@x.test\nTo: Bob <bob@y.test>, carol@y.test\nCc: BOB@Y.TEST\n\nhi\n";
        try (ScriptedServer server = ScriptedServer.start(server())) {
            CliProcess.Result r = send(server, message, "-t", "Carol@y.test", "dave@y.test", "bob@y.test");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<alice@x.test>\r\n"
                    + "RCPT TO:<bob@y.test>\r\nRCPT TO:<carol@y.test>\r\nRCPT TO:<dave@y.test>\r\nDATA\r\n"),
                    server.transcript());
        }
    }
}
