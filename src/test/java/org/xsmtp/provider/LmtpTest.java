package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** xlmtp: LHLO, one reply per recipient after the data, Unix sockets. */
class LmtpTest {

    @Test
    void perRecipientRepliesAfterTheDataMakeAPartialDelivery() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go")
                .onData("250 2.1.5 a@x.test delivered", "452 4.2.2 b@x.test over quota");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            Properties p = Fixtures.angusStyle(server);
            p.remove("mail.smtp.port");
            p.setProperty("mail.xlmtp.port", String.valueOf(server.port()));
            Session session = Session.getInstance(p);
            MimeMessage m = Fixtures.message(session, "me@x.test", "a@x.test, b@x.test");
            EventLog log = new EventLog();
            try (Transport t = session.getTransport("xlmtp")) {
                t.addTransportListener(log);
                t.connect();
                SmtpSendFailedException e = assertThrows(SmtpSendFailedException.class,
                        () -> t.sendMessage(m, m.getAllRecipients()));
                assertEquals(List.of("a@x.test"), Fixtures.strings(e.getValidSentAddresses()));
                assertEquals(List.of("b@x.test"), Fixtures.strings(e.getValidUnsentAddresses()));
                assertEquals(452, e.getReturnCode());
                assertEquals(TransportEvent.MESSAGE_PARTIALLY_DELIVERED, log.await(1).get(0).type());
            }
            assertTrue(server.transcript().startsWith("LHLO client.test\r\n"), server.transcript());
        }
    }

    @Test
    void implicitTlsIsNotOffered() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.ssl.enable", "true");
        MessagingException e = assertThrows(MessagingException.class,
                () -> Session.getInstance(p).getTransport("xlmtp").connect("127.0.0.1", 1, null, null));
        assertTrue(e.getMessage().contains("mail.smtp.ssl.enable"), e.getMessage());
    }

    @Test
    void hostStartingWithSlashIsAUnixSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("lmtp.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> serveOnce(listener));
            Properties p = new Properties();
            p.setProperty("mail.xlmtp.host", socket.toString());
            p.setProperty("mail.smtp.localhost", "client.test");
            Session session = Session.getInstance(p);
            MimeMessage m = Fixtures.message(session, "me@x.test", "a@x.test");
            try (Transport t = session.getTransport("xlmtp")) {
                t.connect();
                t.sendMessage(m, m.getAllRecipients());
            }
            String transcript = server.get(10, TimeUnit.SECONDS);
            assertTrue(transcript.startsWith("LHLO client.test\nMAIL FROM:<me@x.test>\nRCPT TO:<a@x.test>\nDATA\n"),
                    transcript);
            assertTrue(transcript.endsWith("QUIT\n"), transcript);
        }
    }

    /** A minimal LMTP server for one message to one recipient; returns the command lines it read. */
    private static String serveOnce(ServerSocketChannel listener) {
        StringBuilder seen = new StringBuilder();
        try (SocketChannel ch = listener.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(ch);
            reply(out, "220 lmtp ready");
            for (String line; (line = in.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith("DATA")) {
                    reply(out, "354 go");
                    while (!".".equals(in.readLine())) {
                        // message content
                    }
                }
                reply(out, line.startsWith("QUIT") ? "221 bye" : "250 ok");
                if (line.startsWith("QUIT")) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            seen.append("server failed: ").append(e);
        }
        return seen.toString();
    }

    private static void reply(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
