package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The engine's {@code sendMessage(MimeMessage, ...)}, smtplib's {@code send_message}, on the exact bytes the
 * client wrote, with PIPELINING used and not used (the envelope rules themselves: {@code message.EnvelopeRulesTest}).
 */
class SendMessageTest {

    private static SmtpClient client(ScriptedServer server, boolean pipelining) throws Exception {
        SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(pipelining)
                .timeout(Duration.ofSeconds(5)).build();
        return new SmtpClient("127.0.0.1", server.port(), options);
    }

    private static Dialog server(String... extensions) {
        return Dialog.esmtp(extensions).on("MAIL", "250 2.1.0 Ok").on("RCPT", "250 2.1.5 Ok").on("DATA", "354 go");
    }

    /** A message parsed from raw text, with RFC 6532 UTF-8 headers allowed; LF line ends on purpose. */
    private static MimeMessage mime(String raw) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true");
        return new MimeMessage(Session.getInstance(props),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void headersGiveTheEnvelopeInSmtplibsToBccCcOrderAndBccIsNeverTransmittedNorRemoved(boolean pipelining)
            throws Exception {
        MimeMessage m = mime("From: Alice <alice@x.test>\nTo: Bob <bob@y.test>, carol@y.test\n"
                + "Cc: dave@y.test\nBcc: secret@y.test\nSubject: hi\n\n.line\nbody\n");
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "SIZE 100000"))) {
            try (SmtpClient client = client(server, pipelining)) {
                assertEquals(java.util.Map.of(), client.sendMessage(m));
            }
            // no SIZE: the MimeMessage is streamed, its size unknown (README deviation 22)
            assertEquals("EHLO me.test\r\nMAIL FROM:<alice@x.test>\r\nRCPT TO:<bob@y.test>\r\n"
                    + "RCPT TO:<carol@y.test>\r\nRCPT TO:<secret@y.test>\r\nRCPT TO:<dave@y.test>\r\nDATA\r\n"
                    + "From: Alice <alice@x.test>\r\nTo: Bob <bob@y.test>, carol@y.test\r\nCc: dave@y.test\r\n"
                    + "Subject: hi\r\n\r\n..line\r\nbody\r\n.\r\nQUIT\r\n", server.transcript());
        }
        assertArrayEquals(new String[] {"secret@y.test"}, m.getHeader("Bcc"));
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void oneResentBlockRedirectsAndTwoAreRefusedBeforeAnythingIsSent(boolean pipelining) throws Exception {
        String original = "From: alice@x.test\nTo: bob@y.test\nSubject: hi\n";
        MimeMessage once = mime("Resent-Date: Mon, 23 Nov 2026 10:00:00 +0000\nResent-From: fwd@x.test\n"
                + "Resent-To: next@y.test\nResent-Bcc: hidden@y.test\n" + original + "\nbody\n");
        MimeMessage twice = mime("Resent-Date: Mon, 23 Nov 2026 11:00:00 +0000\nResent-From: b@x.test\n"
                + "Resent-To: b-to@y.test\nResent-Date: Mon, 23 Nov 2026 10:00:00 +0000\nResent-From: a@x.test\n"
                + "Resent-To: a-to@y.test\n" + original + "\nbody\n");
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING"))) {
            try (SmtpClient client = client(server, pipelining)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> client.sendMessage(twice));
                assertTrue(e.getMessage().contains("more than one 'Resent-' header block"), e.getMessage());
                client.sendMessage(once);
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<fwd@x.test>\r\nRCPT TO:<next@y.test>\r\n"
                    + "RCPT TO:<hidden@y.test>\r\nDATA\r\n"
                    + "Resent-Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nResent-From: fwd@x.test\r\n"
                    + "Resent-To: next@y.test\r\n" + original.replace("\n", "\r\n") + "\r\nbody\r\n.\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void aNonAsciiAddressAddsSmtputf8And8bitmimeWhenOffered(boolean pipelining) throws Exception {
        MimeMessage m = mime("From: jörg@exämple.test\nTo: bob@y.test\nSubject: grüße\n\nbody\n");
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "SMTPUTF8", "8BITMIME"))) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendMessage(m);
            }
            String expected = "EHLO me.test\r\nMAIL FROM:<jörg@exämple.test> SMTPUTF8 BODY=8BITMIME\r\n"
                    + "RCPT TO:<bob@y.test>\r\nDATA\r\n";
            assertTrue(new String(server.transcriptBytes(), StandardCharsets.UTF_8).startsWith(expected),
                    server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void aNonAsciiAddressWithoutSmtputf8FailsBeforeMail(boolean pipelining) throws Exception {
        MimeMessage m = mime("From: alice@x.test\nTo: δοκιμή@παράδειγμα.test\nSubject: hi\n\nbody\n");
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "8BITMIME"))) {
            SmtpClient client = client(server, pipelining);
            SmtpNotSupportedException e = assertThrows(SmtpNotSupportedException.class, () -> client.sendMessage(m));
            assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
            assertTrue(client.isConnected());
            client.close();
            assertEquals("EHLO me.test\r\nQUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void explicitSenderAndRecipientsWinOverTheHeaders(boolean pipelining) throws Exception {
        MimeMessage m = mime("From: alice@x.test\nTo: bob@y.test\nSubject: hi\n\nbody\n");
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "DSN"))) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendMessage(m, "bounce@x.test", List.of("other@y.test"), List.of("RET=HDRS"),
                        List.of("NOTIFY=NEVER"));
            }
            assertTrue(server.transcript().startsWith("EHLO me.test\r\nMAIL FROM:<bounce@x.test> RET=HDRS\r\n"
                    + "RCPT TO:<other@y.test> NOTIFY=NEVER\r\nDATA\r\n"), server.transcript());
        }
    }
}
