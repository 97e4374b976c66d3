package org.xsmtp.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The aiosmtpd peer, driven with raw SMTP/LMTP over plain and TLS sockets. */
@Timeout(60)
class AiosmtpdPeerTest {

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storesAPlainSmtpMessageAndStopsOnClose() throws Exception {
        int port;
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().start()) {
            port = peer.port();
            try (RawSmtp smtp = RawSmtp.connect(peer.address())) {
                assertTrue(smtp.reply().startsWith("220 aiosmtpd.test "));
                String ehlo = smtp.command("EHLO client.test");
                assertTrue(ehlo.contains("250-SIZE 33554432") && ehlo.contains("250-8BITMIME"), ehlo);
                assertFalse(ehlo.contains("STARTTLS") || ehlo.contains("AUTH"), ehlo);
                assertEquals("250 OK", smtp.command("MAIL FROM:<a@example.org> BODY=8BITMIME"));
                assertEquals("250 2.1.5 OK", smtp.command("RCPT TO:<b@example.net>"));
                assertTrue(smtp.command("DATA").startsWith("354 "));
                assertEquals("250 2.0.0 OK stored", smtp.command("Subject: t\r\n\r\n..dot\r\n."));
                assertTrue(smtp.command("QUIT").startsWith("221"));
            }
            StoredMessage m = peer.awaitMessages(1).get(0);
            assertEquals("client.test", m.helo());
            assertFalse(m.tls());
            assertEquals("a@example.org", m.mailFrom());
            assertEquals(List.of("BODY=8BITMIME"), m.mailOptions());
            assertEquals(List.of("b@example.net"), m.rcptTos());
            assertArrayEquals("Subject: t\r\n\r\n.dot\r\n".getBytes(StandardCharsets.US_ASCII), m.content());
        }
        assertFalse(FreePorts.isListening(port), "aiosmtpd still listens on " + port);
    }

    @Test
    void starttlsThenAuthPlain() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().starttls(certs.localhost()).auth("alice", "s3cret").start();
             RawSmtp smtp = RawSmtp.connect(peer.address())) {
            smtp.reply();
            String ehlo = smtp.command("EHLO client.test");
            assertTrue(ehlo.contains("250-STARTTLS"), ehlo);
            assertFalse(ehlo.contains("AUTH"), ehlo);
            assertTrue(smtp.command("AUTH PLAIN " + plain("alice", "s3cret")).startsWith("538 5.7.11"));
            assertTrue(smtp.command("STARTTLS").startsWith("220"));
            SSLSession tls = smtp.startTls(certs.clientContextTrustingCa(), "localhost");
            X509Certificate served = (X509Certificate) tls.getPeerCertificates()[0];
            assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
            String ehlo2 = smtp.command("EHLO client.test");
            assertTrue(ehlo2.contains("250-AUTH LOGIN PLAIN"), ehlo2);
            assertFalse(ehlo2.contains("STARTTLS"), ehlo2);
            assertTrue(smtp.command("AUTH PLAIN " + plain("alice", "wrong")).startsWith("535 "));
            assertTrue(smtp.command("AUTH PLAIN " + plain("alice", "s3cret")).startsWith("235 "));
            smtp.command("MAIL FROM:<alice@example.org>");
            smtp.command("RCPT TO:<b@example.net>");
            smtp.command("DATA");
            assertEquals("250 2.0.0 OK stored", smtp.command("Subject: tls\r\n\r\nhi\r\n."));
            StoredMessage m = peer.awaitMessages(1).get(0);
            assertTrue(m.tls());
            assertEquals("alice", m.authLogin());
        }
    }

    @Test
    void authLoginWithoutTlsWhenAllowed() throws Exception {
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().auth("bob", "pw").authRequireTls(false).start();
             RawSmtp smtp = RawSmtp.connect(peer.address())) {
            smtp.reply();
            assertTrue(smtp.command("EHLO client.test").contains("250-AUTH LOGIN PLAIN"));
            // aiosmtpd 1.4's LOGIN prompts carry a trailing NUL byte.
            assertEquals("334 " + b64("User Name\0"), smtp.command("AUTH LOGIN"));
            assertEquals("334 " + b64("Password\0"), smtp.command(b64("bob")));
            assertTrue(smtp.command(b64("pw")).startsWith("235 "));
        }
    }

    @Test
    void requireStarttlsRefusesMailBeforeTls() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().starttls(certs.localhost()).requireStarttls().start();
             RawSmtp smtp = RawSmtp.connect(peer.address())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            assertEquals("530 Must issue a STARTTLS command first", smtp.command("MAIL FROM:<a@example.org>"));
        }
    }

    @Test
    void untrustedAndWrongHostCertificates() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().starttls(certs.untrusted()).start();
             RawSmtp smtp = RawSmtp.connect(peer.address())) {
            smtp.reply();
            smtp.command("EHLO client.test");
            assertTrue(smtp.command("STARTTLS").startsWith("220"));
            assertThrows(SSLHandshakeException.class, () -> smtp.startTls(certs.clientContextTrustingCa(), "localhost"));
        }
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().implicitTls(certs.wrongHost()).start();
             RawSmtp smtp = RawSmtp.connectTls(peer.port(), certs.clientContextTrustingCa())) {
            X509Certificate served = (X509Certificate) smtp.tlsSession().getPeerCertificates()[0];
            assertEquals("CN=wrong.example", served.getSubjectX500Principal().getName());
            assertTrue(smtp.reply().startsWith("220 "));
            assertTrue(smtp.command("EHLO client.test").startsWith("250-"));
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<b@example.net>");
            smtp.command("DATA");
            assertEquals("250 2.0.0 OK stored", smtp.command("Subject: implicit\r\n\r\nx\r\n."));
            assertTrue(peer.awaitMessages(1).get(0).tls());
        }
    }

    @Test
    void lmtpOnAUnixSocketRepliesPerRecipient() throws Exception {
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().lmtp().unixSocket()
                .rejectRecipient("nobody@example.net", "550 5.1.1 No such user")
                .failAtData("full@example.net", "452 4.2.2 Mailbox full")
                .start();
             RawSmtp lmtp = RawSmtp.connect(peer.address())) {
            assertTrue(lmtp.reply().startsWith("220 "));
            assertTrue(lmtp.command("EHLO client.test").startsWith("500 "));
            assertTrue(lmtp.command("LHLO client.test").startsWith("250-aiosmtpd.test"));
            assertEquals("250 OK", lmtp.command("MAIL FROM:<a@example.org>"));
            assertEquals("250 2.1.5 OK", lmtp.command("RCPT TO:<ok@example.net>"));
            assertEquals("550 5.1.1 No such user", lmtp.command("RCPT TO:<nobody@example.net>"));
            assertEquals("250 2.1.5 OK", lmtp.command("RCPT TO:<full@example.net>"));
            assertTrue(lmtp.command("DATA").startsWith("354 "));
            assertEquals("250 2.0.0 OK <ok@example.net>", lmtp.command("Subject: lmtp\r\n\r\nx\r\n."));
            assertEquals("452 4.2.2 Mailbox full", lmtp.reply());
            StoredMessage m = peer.awaitMessages(1).get(0);
            assertEquals(List.of("ok@example.net", "full@example.net"), m.rcptTos());
            assertEquals(List.of("ok@example.net"), m.delivered());
        }
    }

    @Test
    void exitsWhenItsStdinCloses() {
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().start()) {
            peer.process().closeStdin();
            assertTrue(peer.process().awaitExit(Duration.ofSeconds(10)), peer.process().describe());
        }
    }
}
