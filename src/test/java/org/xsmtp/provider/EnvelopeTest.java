package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** Who goes in MAIL FROM and RCPT TO, checked on the exact command lines. */
class EnvelopeTest {
    private static Dialog accepting(String... extensions) {
        return Dialog.esmtp(extensions).on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
    }

    /** @return the MAIL and RCPT lines of the transcript */
    private static String envelope(String transcript) {
        StringBuilder s = new StringBuilder();
        Matcher m = Pattern.compile("(?m)^(MAIL|RCPT) [^\r]*\r\n").matcher(transcript);
        while (m.find()) {
            s.append(m.group());
        }
        return s.toString();
    }

    private static String body(String transcript) {
        int start = transcript.indexOf("DATA\r\n");
        return start < 0 ? "" : transcript.substring(start + 6, transcript.indexOf("\r\n.\r\n", start));
    }

    @Test
    void transportSendUsesToBccCcInSmtplibOrderAndNeverTransmitsBcc() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "Me <me@x.test>", "To One <to1@x.test>, to2@x.test");
            m.setRecipients(Message.RecipientType.CC, "cc@x.test");
            m.setRecipients(Message.RecipientType.BCC, "hidden@x.test");
            Transport.send(m);
            String transcript = server.transcript();
            assertEquals("MAIL FROM:<me@x.test>\r\nRCPT TO:<to1@x.test>\r\nRCPT TO:<to2@x.test>\r\n"
                    + "RCPT TO:<hidden@x.test>\r\nRCPT TO:<cc@x.test>\r\n", envelope(transcript));
            assertFalse(body(transcript).toLowerCase().contains("hidden"), body(transcript));
            assertTrue(body(transcript).contains("Cc: cc@x.test"));
            assertTrue(m.getHeader("Bcc") != null, "the message object keeps its Bcc");
        }
    }

    @Test
    void oneResentBlockRedirectsTransportSend() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "orig@x.test", "first@x.test");
            m.addHeader("Resent-Date", "Mon, 23 Nov 2026 10:00:00 +0000");
            m.addHeader("Resent-From", "forwarder@x.test");
            m.addHeader("Resent-To", "next@x.test, other@x.test");
            m.saveChanges();
            Transport.send(m);
            assertEquals("MAIL FROM:<forwarder@x.test>\r\nRCPT TO:<next@x.test>\r\nRCPT TO:<other@x.test>\r\n",
                    envelope(server.transcript()));
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void aRefusedSenderListsTheResentRecipientsAsUnsent(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp(pipelining ? new String[] {"PIPELINING"} : new String[0])
                .on("MAIL", "550 5.7.1 sender blocked").on("RCPT", "503 5.5.1 need MAIL").on("DATA", "503 5.5.1 no");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "orig@x.test", "first@x.test");
            m.addHeader("Resent-Date", "Mon, 23 Nov 2026 10:00:00 +0000");
            m.addHeader("Resent-From", "forwarder@x.test");
            m.addHeader("Resent-To", "next@x.test, other@x.test");
            EventLog log = new EventLog();
            try (Transport t = session.getTransport("xsmtp")) {
                t.addTransportListener(log);
                t.connect();
                SendFailedException e = assertThrows(SendFailedException.class,
                        () -> t.sendMessage(m, m.getAllRecipients()));
                assertEquals(List.of("next@x.test", "other@x.test"), Fixtures.strings(e.getValidUnsentAddresses()));
                assertEquals(0, e.getInvalidAddresses().length);
                assertEquals(new EventLog.Event(jakarta.mail.event.TransportEvent.MESSAGE_NOT_DELIVERED, List.of(),
                        List.of("next@x.test", "other@x.test"), List.of()), log.await(1).get(0));
            }
        }
    }

    @Test
    void twoResentBlocksFailBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "orig@x.test", "first@x.test");
            for (String hop : List.of("a", "b")) {
                m.addHeader("Resent-Date", "Mon, 23 Nov 2026 10:00:00 +0000");
                m.addHeader("Resent-From", hop + "@x.test");
                m.addHeader("Resent-To", hop + "-to@x.test");
            }
            EventLog log = new EventLog();
            try (Transport t = session.getTransport(new InternetAddress("first@x.test"))) {
                t.addTransportListener(log);
                t.connect();
                SendFailedException e = assertThrows(SendFailedException.class,
                        () -> t.sendMessage(m, m.getAllRecipients()));
                assertTrue(e.getMessage().contains("more than one 'Resent-' header block"), e.getMessage());
                assertInstanceOf(IllegalArgumentException.class, e.getNextException());
                assertEquals(0, e.getValidSentAddresses().length);
                assertEquals(List.of("first@x.test"), Fixtures.strings(e.getValidUnsentAddresses()));
                assertEquals(jakarta.mail.event.TransportEvent.MESSAGE_NOT_DELIVERED, log.await(1).get(0).type());
            }
            assertEquals("EHLO client.test\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void twoResentBlocksThroughTransportSend() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "orig@x.test", "first@x.test");
            for (String hop : List.of("a", "b")) {
                m.addHeader("Resent-Date", "Mon, 23 Nov 2026 10:00:00 +0000");
                m.addHeader("Resent-To", hop + "-to@x.test");
            }
            SendFailedException e = assertThrows(SendFailedException.class, () -> Transport.send(m));
            assertInstanceOf(SmtpSendFailedException.class, e);
            assertEquals(-1, ((SmtpSendFailedException) e).getReturnCode());
            assertEquals("", envelope(server.transcript()));
        }
    }

    @Test
    void explicitAddressesAreTheEnvelopeEvenWithAResentBlock() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
            m.addHeader("Resent-Date", "Mon, 23 Nov 2026 10:00:00 +0000");
            m.addHeader("Resent-From", "forwarder@x.test");
            m.addHeader("Resent-To", "next@x.test");
            Transport.send(m, InternetAddress.parse("archive@x.test, to@x.test"));
            assertEquals("MAIL FROM:<forwarder@x.test>\r\nRCPT TO:<archive@x.test>\r\nRCPT TO:<to@x.test>\r\n",
                    envelope(server.transcript()));
        }
    }

    @Test
    void aGroupGivenAsAnAddressStandsForItsMembers() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
            EventLog log = new EventLog();
            try (Transport t = session.getTransport("xsmtp")) {
                t.addTransportListener(log);
                t.connect();
                t.sendMessage(m, InternetAddress.parse("team: a@x.test, \"B\" <b@x.test>;, c@x.test"));
                assertEquals(List.of("a@x.test", "b@x.test", "c@x.test"),
                        log.await(1).get(0).sent());
                SendFailedException e = assertThrows(SendFailedException.class,
                        () -> t.sendMessage(m, InternetAddress.parse("undisclosed-recipients:;")));
                assertTrue(e.getMessage().contains("only empty groups"), e.getMessage());
            }
            assertEquals("MAIL FROM:<me@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\n"
                    + "RCPT TO:<c@x.test>\r\n", envelope(server.transcript()));
        }
    }

    @Test
    void aGroupInTheToHeaderStillLetsTheHeadersDecide() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "me@x.test", "team: a@x.test, b@x.test;");
            m.addHeader("Resent-Date", "Mon, 23 Nov 2026 10:00:00 +0000");
            m.addHeader("Resent-From", "forwarder@x.test");
            m.addHeader("Resent-To", "next@x.test");
            Transport.send(m);
            assertEquals("MAIL FROM:<forwarder@x.test>\r\nRCPT TO:<next@x.test>\r\n", envelope(server.transcript()));
        }
    }

    @Test
    void fromPropertyAndSenderHeader() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Properties p = Fixtures.angusStyle(server);
            Session session = Session.getInstance(p);
            MimeMessage m = Fixtures.message(session, "author@x.test", "to@x.test");
            m.setSender(new InternetAddress("secretary@x.test"));
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
                t.sendMessage(m, m.getAllRecipients());
                // the property is read once per connect: reconnect to see it
                p.setProperty("mail.xsmtp.from", "bounces@x.test");
            }
            assertTrue(envelope(server.transcript()).startsWith("MAIL FROM:<secretary@x.test>\r\n"));
        }
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.from", "bounces@x.test");
            Session session = Session.getInstance(p);
            MimeMessage m = Fixtures.message(session, "author@x.test", "to@x.test");
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
                t.sendMessage(m, m.getAllRecipients());
            }
            assertTrue(envelope(server.transcript()).startsWith("MAIL FROM:<bounces@x.test>\r\n"));
        }
    }

    @Test
    void dsnParametersOnlyWhenTheServerOffersDsn() throws Exception {
        for (boolean offered : new boolean[] {true, false}) {
            try (ScriptedServer server = ScriptedServer.start(offered ? accepting("DSN") : accepting())) {
                Properties p = Fixtures.angusStyle(server);
                p.setProperty("mail.smtp.dsn.notify", "success, failure");
                p.setProperty("mail.smtp.dsn.ret", "hdrs");
                Session session = Session.getInstance(p);
                MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
                try (Transport t = session.getTransport("xsmtp")) {
                    t.connect();
                    t.sendMessage(m, m.getAllRecipients());
                }
                assertEquals(offered
                        ? "MAIL FROM:<me@x.test> RET=HDRS\r\nRCPT TO:<to@x.test> NOTIFY=SUCCESS,FAILURE\r\n"
                        : "MAIL FROM:<me@x.test>\r\nRCPT TO:<to@x.test>\r\n", envelope(server.transcript()));
            }
        }
    }

    @Test
    void onlyMimeMessagesAreSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
                MessagingException e = assertThrows(MessagingException.class,
                        () -> t.sendMessage(null, InternetAddress.parse("to@x.test")));
                assertTrue(e.getMessage().contains("MimeMessages only"), e.getMessage());
            }
        }
    }
}
