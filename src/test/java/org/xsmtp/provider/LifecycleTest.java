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
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
            List<Integer> opened;
            try (Transport t = session.getTransport("xsmtp")) {
                opened = connectionEvents(t);
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

    /** @return the types of the connection events {@code t} fires, as they arrive */
    private static List<Integer> connectionEvents(Transport t) {
        List<Integer> events = new CopyOnWriteArrayList<>();
        t.addConnectionListener(new ConnectionListener() {
            @Override
            public void opened(ConnectionEvent e) {
                events.add(e.getType());
            }

            @Override
            public void disconnected(ConnectionEvent e) {
                events.add(e.getType());
            }

            @Override
            public void closed(ConnectionEvent e) {
                events.add(e.getType());
            }
        });
        return events;
    }

    private static void awaitEvents(List<Integer> events, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void isConnectedNoticesAServerThatWentAway() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").read().reply("250 fake").close())) {
            Session session = Fixtures.xsmtpSession(server);
            Transport t = session.getTransport("xsmtp");
            List<Integer> events = connectionEvents(t);
            t.connect();
            // Jakarta Mail's event queue loses queued events if CLOSED follows before its thread has started
            awaitEvents(events, 1);
            server.transcript();
            assertFalse(t.isConnected());
            assertFalse(t.isConnected());
            MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
            assertThrows(IllegalStateException.class, () -> t.sendMessage(m, m.getAllRecipients()));
            // as with Angus: CLOSED when the loss is noticed, and not again for the close() after it
            awaitEvents(events, 2);
            assertEquals(List.of(ConnectionEvent.OPENED, ConnectionEvent.CLOSED), events);
            t.close();
            Thread.sleep(200);
            assertEquals(List.of(ConnectionEvent.OPENED, ConnectionEvent.CLOSED), events);
        }
    }

    @Test
    void connectingDoesNotHoldTheTransportsMonitor() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Properties p = new Properties();
            p.setProperty("mail.smtp.host", "127.0.0.1");
            p.setProperty("mail.smtp.port", String.valueOf(listener.getLocalPort()));
            p.setProperty("mail.smtp.localhost", "client.test");
            Transport t = Session.getInstance(p).getTransport("xsmtp");
            CompletableFuture<Void> connecting = CompletableFuture.runAsync(() -> {
                try {
                    t.connect();
                } catch (jakarta.mail.MessagingException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (Socket server = listener.accept()) {
                // The client now waits for the greeting, which comes only after another thread got an answer
                // from the transport: Jakarta Mail's synchronized Service.connect would block it until then.
                assertFalse(CompletableFuture.supplyAsync(t::isConnected).get(20, TimeUnit.SECONDS));
                BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = server.getOutputStream();
                out.write("220 fake.test\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("EHLO client.test", in.readLine());
                out.write("250 fake.test\r\n".getBytes(StandardCharsets.US_ASCII));
                connecting.get(20, TimeUnit.SECONDS);
                assertThrows(IllegalStateException.class, t::connect);
                out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                t.close();
                assertEquals("QUIT", in.readLine());
            }
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
