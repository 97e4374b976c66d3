package org.xsmtp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The private Postfix instance, driven with raw SMTP over plain and TLS sockets. */
@Timeout(60)
class PostfixPeerTest {

    @Test
    void bdatTransactionIsRelayedToTheSinkAndEverythingStopsOnClose() throws Exception {
        int port;
        int sinkPort;
        PeerProcess process;
        try (PostfixPeer postfix = PostfixPeer.builder().start()) {
            port = postfix.port();
            sinkPort = postfix.sink().port();
            process = postfix.process();
            try (RawSmtp smtp = RawSmtp.connect(new InetSocketAddress(FreePorts.LOOPBACK, port))) {
                assertEquals("220 postfix.test ESMTP Postfix", smtp.reply());
                String ehlo = smtp.command("EHLO client.test");
                for (String keyword : List.of("PIPELINING", "STARTTLS", "8BITMIME", "SMTPUTF8", "CHUNKING")) {
                    assertTrue(ehlo.contains(keyword), ehlo);
                }
                assertTrue(smtp.command("RCPT TO:<b@example.net>").startsWith("503 5.5.1"));
                assertEquals("250 2.1.0 Ok", smtp.command("MAIL FROM:<a@example.org>"));
                assertEquals("250 2.1.5 Ok", smtp.command("RCPT TO:<b@example.net>"));
                String chunk1 = "Subject: bdat\r\n\r\n";
                String chunk2 = "first line\r\n.not stuffed\r\n";
                smtp.send("BDAT " + chunk1.length() + "\r\n" + chunk1);
                String r1 = smtp.reply();
                assertTrue(r1.startsWith("250 2.0.0 Ok: " + chunk1.length() + " bytes"), r1);
                smtp.send("BDAT " + chunk2.length() + " LAST\r\n" + chunk2);
                String r2 = smtp.reply();
                assertTrue(r2.startsWith("250 2.0.0 Ok: ") && r2.contains("queued as"), r2);
                assertEquals("221 2.0.0 Bye", smtp.command("QUIT"));
            }
            SinkMessage m = postfix.awaitMessages(1).get(0);
            assertEquals("<a@example.org>", m.mailArgs());
            assertEquals(List.of("<b@example.net> ORCPT=rfc822;b@example.net"), m.rcptArgs());
            assertTrue(m.content().contains("Subject: bdat\n"), m.content());
            assertTrue(m.content().contains("\n\nfirst line\n.not stuffed\n"), m.content());
            assertTrue(postfix.maillog().contains("status=sent"), postfix.maillog());
        }
        assertFalse(FreePorts.isListening(port), "postfix still listens on " + port);
        assertFalse(FreePorts.isListening(sinkPort), "sink still listens on " + sinkPort);
        assertEquals(List.of(), process.survivors(), "Postfix processes left running");
    }

    @Test
    void starttlsPresentsTheCaSignedLocalhostCertificate() throws Exception {
        TestCertificates certs = TestCertificates.get();
        try (PostfixPeer postfix = PostfixPeer.builder().start();
             RawSmtp smtp = RawSmtp.connect(new InetSocketAddress(FreePorts.LOOPBACK, postfix.port()))) {
            smtp.reply();
            smtp.command("EHLO client.test");
            assertEquals("220 2.0.0 Ready to start TLS", smtp.command("STARTTLS"));
            SSLSession tls = smtp.startTls(certs.clientContextTrustingCa(), "localhost");
            X509Certificate served = (X509Certificate) tls.getPeerCertificates()[0];
            assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
            assertEquals(certs.caCertificate().getSubjectX500Principal(), served.getIssuerX500Principal());
            String ehlo = smtp.command("EHLO client.test");
            assertFalse(ehlo.contains("STARTTLS"), ehlo);
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<b@example.net>");
            assertTrue(smtp.command("DATA").startsWith("354 "));
            assertTrue(smtp.command("Subject: tls\r\n\r\nsecret\r\n.").startsWith("250 2.0.0 Ok: queued as"));
            SinkMessage m = postfix.awaitMessages(1).get(0);
            assertTrue(m.content().contains("with ESMTPS"), m.content());
        }
    }

    @Test
    void smtputf8MailIsRelayedToAnSmtputf8CapablePeer() throws Exception {
        try (AiosmtpdPeer next = AiosmtpdPeer.builder().smtputf8().start();
             PostfixPeer postfix = PostfixPeer.builder().relayTo(next.port()).start();
             RawSmtp smtp = RawSmtp.connect(new InetSocketAddress(FreePorts.LOOPBACK, postfix.port()))) {
            smtp.reply();
            smtp.command("EHLO client.test");
            assertEquals("250 2.1.0 Ok", smtp.command("MAIL FROM:<j\u00f6rg@example.org> SMTPUTF8"));
            assertEquals("250 2.1.5 Ok", smtp.command("RCPT TO:<\u00fc@b\u00fccher.example>"));
            assertTrue(smtp.command("DATA").startsWith("354 "));
            assertTrue(smtp.command("Subject: gr\u00fc\u00dfe\r\n\r\nhi\r\n.").startsWith("250 "));
            StoredMessage m = next.awaitMessages(1).get(0);
            assertTrue(m.smtputf8());
            assertEquals("j\u00f6rg@example.org", m.mailFrom());
            assertEquals(List.of("\u00fc@b\u00fccher.example"), m.rcptTos());
            assertTrue(m.text().contains("Subject: gr\u00fc\u00dfe\r\n"), m.text());
        }
    }
}
