package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The three address lists and the events, as Angus Mail reports them (observed against the same script):
 * a@ accepted, b@ refused 550, c@ refused 452, d@ accepted 251.
 */
class PartialFailureTest {
    private static final String TO = "a@x.test, b@x.test, c@x.test, d@x.test";

    private static Dialog mixed() {
        return Dialog.esmtp().on("MAIL", "250 ok").on("RCPT TO:<a", "250 ok").on("RCPT TO:<b", "550 5.1.1 no such")
                .on("RCPT TO:<c", "452 4.2.2 full").on("RCPT TO:<d", "251 ok").on("DATA", "354 go");
    }

    private record Run(SmtpSendFailedException failure, List<EventLog.Event> events, String transcript) {
    }

    private static Run send(Dialog dialog, String... props) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            Properties p = Fixtures.angusStyle(server);
            for (int i = 0; i < props.length; i += 2) {
                p.setProperty(props[i], props[i + 1]);
            }
            Session session = Session.getInstance(p);
            MimeMessage m = Fixtures.message(session, "me@x.test", TO);
            EventLog log = new EventLog();
            SmtpSendFailedException failure = null;
            List<EventLog.Event> events;
            try (Transport t = session.getTransport("xsmtp")) {
                t.addTransportListener(log);
                t.connect();
                try {
                    t.sendMessage(m, m.getAllRecipients());
                } catch (SmtpSendFailedException e) {
                    failure = e;
                }
                events = log.await(1);
            }
            return new Run(failure, events, server.transcript());
        }
    }

    private static void assertLists(SendFailedException e, List<String> sent, List<String> unsent,
            List<String> invalid) {
        assertEquals(sent, Fixtures.strings(e.getValidSentAddresses()), "valid sent");
        assertEquals(unsent, Fixtures.strings(e.getValidUnsentAddresses()), "valid unsent");
        assertEquals(invalid, Fixtures.strings(e.getInvalidAddresses()), "invalid");
    }

    @Test
    void withoutSendPartialOneInvalidRecipientStopsTheMessage() throws Exception {
        Run run = send(mixed());
        assertLists(run.failure, List.of(), List.of("a@x.test", "d@x.test", "c@x.test"), List.of("b@x.test"));
        assertEquals(new EventLog.Event(TransportEvent.MESSAGE_NOT_DELIVERED, List.of(),
                List.of("a@x.test", "d@x.test", "c@x.test"), List.of("b@x.test")), run.events.get(0));
        assertEquals(550, run.failure.getReturnCode());
        assertEquals("5.1.1", run.failure.getEnhancedStatus());
        assertEquals("RCPT TO:<b@x.test>", run.failure.getCommand());
        assertEquals(4, run.failure.getRecipientResults().size());
        assertEquals("EHLO client.test\r\nMAIL FROM:<me@x.test>\r\nRCPT TO:<a@x.test>\r\nRCPT TO:<b@x.test>\r\n"
                + "RCPT TO:<c@x.test>\r\nRCPT TO:<d@x.test>\r\nRSET\r\nQUIT\r\n", run.transcript);
    }

    @Test
    void withPipeliningARefusalAfterDataWasAcceptedDropsTheConnectionAndTheNextMessageReconnects()
            throws Exception {
        org.xsmtp.testkit.Script first = new org.xsmtp.testkit.Script().reply("220 one").read()
                .reply("250-one", "250 PIPELINING").read(4)
                .reply("250 ok", "250 ok", "550 5.1.1 no such", "354 go").readToEnd();
        org.xsmtp.testkit.Script second = new org.xsmtp.testkit.Script().reply("220 two").read()
                .reply("250-two", "250 PIPELINING").read(3).reply("250 ok", "250 ok", "354 go").readData()
                .reply("250 queued").read().reply("221 bye");
        try (ScriptedServer server = ScriptedServer.start(List.of(first, second))) {
            Session session = Session.getInstance(Fixtures.angusStyle(server));
            MimeMessage both = Fixtures.message(session, "me@x.test", "a@x.test, b@x.test");
            MimeMessage one = Fixtures.message(session, "me@x.test", "a@x.test");
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
                SmtpSendFailedException e = assertThrows(SmtpSendFailedException.class,
                        () -> t.sendMessage(both, both.getAllRecipients()));
                assertLists(e, List.of(), List.of("a@x.test"), List.of("b@x.test"));
                t.sendMessage(one, one.getAllRecipients());
            }
            assertEquals(2, server.connections());
            String transcript = server.transcript();
            assertTrue(transcript.startsWith("EHLO client.test\r\nMAIL FROM:<me@x.test>\r\nRCPT TO:<a@x.test>\r\n"
                    + "RCPT TO:<b@x.test>\r\nDATA\r\nEHLO client.test\r\nMAIL FROM:<me@x.test>\r\n"), transcript);
            assertTrue(transcript.endsWith("\r\n.\r\nQUIT\r\n"), transcript);
        }
    }

    @Test
    void aConnectionThatCannotBeReopenedFailsTheSendWithItsEventAndClosesTheTransport() throws Exception {
        org.xsmtp.testkit.Script first = new org.xsmtp.testkit.Script().reply("220 one").read().reply("250 one")
                .read().reply("421 4.3.2 shutting down").close();
        org.xsmtp.testkit.Script second = new org.xsmtp.testkit.Script().reply("554 5.3.2 no service").close();
        try (ScriptedServer server = ScriptedServer.start(List.of(first, second))) {
            Session session = Session.getInstance(Fixtures.angusStyle(server));
            MimeMessage m = Fixtures.message(session, "me@x.test", "a@x.test");
            EventLog log = new EventLog();
            try (Transport t = session.getTransport("xsmtp")) {
                t.addTransportListener(log);
                t.connect();
                SmtpSendFailedException refused = assertThrows(SmtpSendFailedException.class,
                        () -> t.sendMessage(m, m.getAllRecipients()));
                assertEquals(421, refused.getReturnCode());
                SmtpSendFailedException lost = assertThrows(SmtpSendFailedException.class,
                        () -> t.sendMessage(m, m.getAllRecipients()));
                assertTrue(lost.getMessage().contains("reconnecting failed"), lost.getMessage());
                assertTrue(lost.getMessage().contains("554"), lost.getMessage());
                assertInstanceOf(MessagingException.class, lost.getNextException());
                assertLists(lost, List.of(), List.of("a@x.test"), List.of());
                assertEquals(List.of(new EventLog.Event(TransportEvent.MESSAGE_NOT_DELIVERED, List.of(),
                        List.of("a@x.test"), List.of())), log.await(2).subList(1, 2));
                assertFalse(t.isConnected());
                assertThrows(IllegalStateException.class, () -> t.sendMessage(m, m.getAllRecipients()));
            }
            assertEquals(2, server.connections());
            assertEquals("EHLO client.test\r\nMAIL FROM:<me@x.test>\r\n", server.transcript());
        }
    }

    @Test
    void withSendPartialTheAcceptedRecipientsGetTheMessage() throws Exception {
        Run run = send(mixed(), "mail.smtp.sendpartial", "true");
        assertLists(run.failure, List.of("a@x.test", "d@x.test"), List.of("c@x.test"), List.of("b@x.test"));
        assertEquals(new EventLog.Event(TransportEvent.MESSAGE_PARTIALLY_DELIVERED, List.of("a@x.test", "d@x.test"),
                List.of("c@x.test"), List.of("b@x.test")), run.events.get(0));
        assertTrue(run.transcript.contains("\r\nDATA\r\n"), run.transcript);
        assertTrue(run.failure.getMessage().contains("sent to 2 of 4 recipients"), run.failure.getMessage());
    }

    @Test
    void sendPartialAndReportSuccessTogether() throws Exception {
        Run run = send(mixed(), "mail.xsmtp.sendpartial", "true", "mail.smtp.reportsuccess", "true");
        assertLists(run.failure, List.of("a@x.test", "d@x.test"), List.of("c@x.test"), List.of("b@x.test"));
        assertEquals(TransportEvent.MESSAGE_PARTIALLY_DELIVERED, run.events.get(0).type());
    }

    @Test
    void reportSuccessThrowsEvenWhenEveryoneGotIt() throws Exception {
        Run run = send(Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go"),
                "mail.smtp.reportsuccess", "true");
        assertLists(run.failure, List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"), List.of(), List.of());
        assertEquals(250, run.failure.getReturnCode());
        // Angus fires PARTIALLY_DELIVERED here; xsmtp says what happened
        assertEquals(TransportEvent.MESSAGE_DELIVERED, run.events.get(0).type());
    }

    @Test
    void fullSuccessIsQuiet() throws Exception {
        Run run = send(Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go"));
        assertNull(run.failure);
        assertEquals(new EventLog.Event(TransportEvent.MESSAGE_DELIVERED,
                List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"), List.of(), List.of()), run.events.get(0));
    }

    @Test
    void everyRecipientRefused() throws Exception {
        Run run = send(Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "550 5.1.1 no"), "mail.smtp.sendpartial", "true");
        assertLists(run.failure, List.of(), List.of(), List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"));
        assertEquals(TransportEvent.MESSAGE_NOT_DELIVERED, run.events.get(0).type());
        assertTrue(run.transcript.contains("RSET"));
        assertFalse(run.transcript.contains("DATA"));
    }

    @Test
    void senderRefused() throws Exception {
        Run run = send(Dialog.esmtp().on("MAIL", "553 5.7.1 bad sender"));
        assertLists(run.failure, List.of(), List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"), List.of());
        assertEquals(553, run.failure.getReturnCode());
        assertEquals("MAIL FROM:<me@x.test>", run.failure.getCommand());
        assertEquals(TransportEvent.MESSAGE_NOT_DELIVERED, run.events.get(0).type());
    }

    @Test
    void dataRefused() throws Exception {
        Run run = send(Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go")
                .onData("554 5.6.0 rejected"), "mail.smtp.sendpartial", "true");
        assertLists(run.failure, List.of(), List.of("a@x.test", "b@x.test", "c@x.test", "d@x.test"), List.of());
        assertEquals(554, run.failure.getReturnCode());
        assertEquals("5.6.0", run.failure.getEnhancedStatus());
        assertInstanceOf(org.xsmtp.smtp.SmtpDataException.class, run.failure.getNextException());
        assertEquals(TransportEvent.MESSAGE_NOT_DELIVERED, run.events.get(0).type());
    }

    @Test
    void theConnectionStaysUsableAfterAFailure() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "553 5.7.1 not now").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "me@x.test", "a@x.test");
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
                assertThrows(SmtpSendFailedException.class, () -> t.sendMessage(m, m.getAllRecipients()));
                t.sendMessage(m, m.getAllRecipients());
            }
            assertEquals(1, server.connections());
        }
    }

    @Test
    void noAddressesIsASendFailedException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            Session session = Fixtures.xsmtpSession(server);
            MimeMessage m = Fixtures.message(session, "me@x.test", "a@x.test");
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
                MessagingException e = assertThrows(SendFailedException.class,
                        () -> t.sendMessage(m, new jakarta.mail.Address[0]));
                assertEquals("No recipient addresses", e.getMessage());
            }
        }
    }
}
