package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.event.ConnectionEvent;
import jakarta.mail.event.ConnectionListener;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** Connection life: many messages, NOOP checks, QUIT, the debug trace. */
class LifecycleTest {
    private static Dialog accepting() {
        return Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
    }

    @Test
    void manyMessagesOverOneConnectionThenQuit() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Session session = Fixtures.xsmtpSession(server);
            List<Integer> opened = new CopyOnWriteArrayList<>();
            try (Transport t = session.getTransport("xsmtp")) {
                t.addConnectionListener(new ConnectionListener() {
                    @Override
                    public void opened(ConnectionEvent e) {
                        opened.add(e.getType());
                    }

                    @Override
                    public void disconnected(ConnectionEvent e) {
                        opened.add(e.getType());
                    }

                    @Override
                    public void closed(ConnectionEvent e) {
                        opened.add(e.getType());
                    }
                });
                t.connect();
                for (int i = 0; i < 3; i++) {
                    MimeMessage m = Fixtures.message(session, "me@x.test", "to" + i + "@x.test");
                    t.sendMessage(m, m.getAllRecipients());
                }
                assertTrue(t.isConnected());
            }
            String transcript = server.transcript();
            assertEquals(1, server.connections());
            assertEquals(3, transcript.split("MAIL FROM:", -1).length - 1);
            assertTrue(transcript.endsWith("NOOP\r\nQUIT\r\n"), transcript);
            Thread.sleep(200);
            assertEquals(List.of(ConnectionEvent.OPENED, ConnectionEvent.CLOSED), opened);
        }
    }

    @Test
    void isConnectedNoticesAServerThatWentAway() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").read().reply("250 fake").close())) {
            Session session = Fixtures.xsmtpSession(server);
            Transport t = session.getTransport("xsmtp");
            t.connect();
            server.transcript();
            assertFalse(t.isConnected());
            assertFalse(t.isConnected());
            MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
            assertThrows(IllegalStateException.class, () -> t.sendMessage(m, m.getAllRecipients()));
            t.close();
        }
    }

    @Test
    void isConnectedTreats421AsGone() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.greeting("220 hi").on("EHLO", "250 fake")
                .onClose("NOOP", "421 4.4.2 idle too long"))) {
            Transport t = Fixtures.xsmtpSession(server).getTransport("xsmtp");
            t.connect();
            assertFalse(t.isConnected());
            t.close();
            assertEquals("EHLO client.test\r\nNOOP\r\n", server.transcript());
        }
    }

    @Test
    void quitWaitFalseDoesNotWaitForTheReply() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp().onDelayed("QUIT", 3000, "221 bye"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.quitwait", "false");
            Transport t = Session.getInstance(p).getTransport("xsmtp");
            t.connect();
            long start = System.nanoTime();
            t.close();
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "close() waited for the reply to QUIT");
            assertFalse(t.isConnected());
            for (int i = 0; i < 100 && !server.receivedSoFar().endsWith("QUIT\r\n"); i++) {
                Thread.sleep(20);
            }
            assertTrue(server.receivedSoFar().endsWith("QUIT\r\n"), server.receivedSoFar());
        }
    }

    @Test
    void reconnectAfterClose() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(List.of(
                new org.xsmtp.testkit.Script().reply("220 one").read().reply("250 one").read().reply("221 bye"),
                new org.xsmtp.testkit.Script().reply("220 two").read().reply("250 two").read().reply("221 bye")))) {
            Transport t = Fixtures.xsmtpSession(server).getTransport("xsmtp");
            t.connect();
            t.close();
            t.connect();
            t.close();
            assertEquals(2, server.connections());
        }
    }

    @Test
    void mailDebugTracesTheWireWithAuthMasked() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN LOGIN")
                .on("AUTH", "235 2.7.0 ok"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.debug", "true");
            Session session = Session.getInstance(p);
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect("alice", "s3cret-password");
            }
            String text = trace.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("send: 'EHLO client.test\\r\\n'"), text);
            assertTrue(text.contains("AUTH PLAIN ****"), text);
            String secret = java.util.Base64.getEncoder().encodeToString("\0alice\0s3cret-password".getBytes());
            assertFalse(text.contains(secret) || text.contains("s3cret"), text);
            assertTrue(server.transcript().contains(secret), "the server did get the credentials");
        }
    }
}
