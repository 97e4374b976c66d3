package org.xsmtp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The smtp-sink peer, driven with raw SMTP/LMTP over plain sockets. */
@Timeout(60)
class SmtpSinkPeerTest {

    @Test
    void capturesAnSmtpTransactionAndStopsListeningOnClose() throws Exception {
        int port;
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().capture().start()) {
            port = sink.port();
            assertTrue(FreePorts.isListening(port));
            try (RawSmtp smtp = RawSmtp.connect(sink.address())) {
                assertEquals("220 smtp-sink ESMTP", smtp.reply());
                String ehlo = smtp.command("EHLO client.test");
                assertTrue(ehlo.startsWith("250-smtp-sink\n"), ehlo);
                assertTrue(ehlo.contains("250-PIPELINING") && ehlo.contains("250-DSN"), ehlo);
                assertFalse(ehlo.contains("CHUNKING") || ehlo.contains("SIZE") || ehlo.contains("STARTTLS"), ehlo);
                assertEquals("250 2.1.0 Ok", smtp.command("MAIL FROM:<a@example.org> BODY=8BITMIME"));
                assertEquals("250 2.1.5 Ok", smtp.command("RCPT TO:<b@example.net> NOTIFY=NEVER"));
                assertEquals("250 2.1.5 Ok", smtp.command("RCPT TO:<c@example.net>"));
                assertTrue(smtp.command("DATA").startsWith("354 "));
                assertEquals("250 2.0.0 Ok", smtp.command("Subject: hi\r\n\r\nbody\r\n..leading dot\r\n."));
                assertEquals("221 Bye", smtp.command("QUIT"));
            }
            List<SinkMessage> messages = sink.awaitMessages(1);
            assertEquals(1, messages.size());
            SinkMessage m = messages.get(0);
            assertEquals("ESMTP", m.clientProto());
            assertEquals("client.test", m.heloArgs());
            assertEquals("<a@example.org> BODY=8BITMIME", m.mailArgs());
            assertEquals(List.of("<b@example.net> NOTIFY=NEVER", "<c@example.net>"), m.rcptArgs());
            assertEquals("Subject: hi\n\nbody\n.leading dot\n", m.content());
        }
        assertFalse(FreePorts.isListening(port), "smtp-sink still listens on " + port);
    }

    @Test
    void lmtpOnAUnixSocketAnswersOncePerRecipient() throws Exception {
        Path dir;
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().unixSocket().flags("-L").capture().start()) {
            dir = sink.socketPath().getParent();
            try (RawSmtp lmtp = RawSmtp.connect(sink.address())) {
                assertEquals("220 smtp-sink ESMTP", lmtp.reply());
                assertTrue(lmtp.command("LHLO client.test").startsWith("250-smtp-sink"));
                assertEquals("250 2.1.0 Ok", lmtp.command("MAIL FROM:<>"));
                assertEquals("250 2.1.5 Ok", lmtp.command("RCPT TO:<b@example.net>"));
                assertEquals("250 2.1.5 Ok", lmtp.command("RCPT TO:<c@example.net>"));
                assertTrue(lmtp.command("DATA").startsWith("354 "));
                assertEquals("250 2.2.0 Ok", lmtp.command("Subject: lmtp\r\n\r\nx\r\n."));
                assertEquals("250 2.2.0 Ok", lmtp.reply());
                assertEquals("221 Bye", lmtp.command("QUIT"));
            }
            SinkMessage m = sink.awaitMessages(1).get(0);
            assertEquals("LMTP", m.clientProto());
            assertEquals("<>", m.mailArgs());
            assertEquals(2, m.rcptArgs().size());
        }
        assertFalse(Files.exists(dir), "sink directory left behind: " + dir);
        assertThrows(Exception.class, () -> RawSmtp.connect(UnixDomainSocketAddress.of(dir.resolve("sink.sock"))));
    }

    @ParameterizedTest(name = "{0} answers {1} with {2}")
    @CsvSource(delimiter = '|', value = {
        "-f RCPT | RCPT TO:<b@example.net> | 500 5.3.0 Error: command failed",
        "-r RCPT | RCPT TO:<b@example.net> | 450 4.3.0 Error: command failed",
        "-f MAIL | MAIL FROM:<a@example.org> | 500 5.3.0 Error: command failed",
        "-Q MAIL | MAIL FROM:<a@example.org> | 421 4.0.0 Server closing connection",
    })
    void faultFlagsShapeTheReplies(String flag, String command, String expected) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags(flag.split(" ")).start();
             RawSmtp smtp = RawSmtp.connect(sink.address())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            if (command.startsWith("RCPT")) {
                assertEquals("250 2.1.0 Ok", smtp.command("MAIL FROM:<a@example.org>"));
            }
            assertEquals(expected, smtp.command(command));
            if (expected.startsWith("421")) {
                assertTrue(smtp.closedByServer());
            }
        }
    }

    @Test
    void abortAfterDataSends550AndCloses() throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().flags("-A", "0").start();
             RawSmtp smtp = RawSmtp.connect(sink.address())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<b@example.net>");
            assertTrue(smtp.command("DATA").startsWith("354 "));
            assertEquals("550 This violates SMTP", smtp.reply());
            assertTrue(smtp.closedByServer());
        }
    }

    @Test
    void awaitingMessagesThatNeverCameFailsWithADiagnosis() {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().capture().start()) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> sink.awaitMessages(1, Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("0 completed"), e.getMessage());
        }
    }
}
