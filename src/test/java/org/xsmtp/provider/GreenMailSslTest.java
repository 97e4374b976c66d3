package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * xsmtps against GreenMail's SMTPS with an Angus-style {@code mail.smtps.*} configuration: the certificate is
 * trusted through {@code ssl.trust} while the host name check stays on.
 */
@Tag(Fixtures.GREENMAIL)
class GreenMailSslTest {
    static {
        LocalhostCertificate.installForGreenMail();
    }

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alice@x.test", "alice", "alice-pw"));

    private static Properties smtps(String host) {
        Properties p = new Properties();
        p.setProperty("mail.smtps.host", host);
        p.setProperty("mail.smtps.port", String.valueOf(GREENMAIL.getSmtps().getPort()));
        p.setProperty("mail.smtps.auth", "true");
        p.setProperty("mail.smtps.user", "alice");
        p.setProperty("mail.smtps.connectiontimeout", "5000");
        p.setProperty("mail.smtps.timeout", "5000");
        return p;
    }

    private static void send(Properties p) throws MessagingException {
        Session session = Session.getInstance(p);
        MimeMessage m = Fixtures.message(session, "alice@x.test", "bob@x.test");
        try (Transport t = session.getTransport("xsmtps")) {
            assertInstanceOf(XsmtpSslTransport.class, t);
            t.connect(null, "alice-pw");
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    @Test
    void sendsOverImplicitTlsWithTrustedCertificateAndAuth() throws Exception {
        Properties p = smtps("localhost");
        p.setProperty("mail.smtps.ssl.trust", "localhost");
        send(p);
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("hello", ((String) received[0].getContent()).trim());
    }

    @Test
    void untrustedCertificateIsRefused() {
        MessagingException e = assertThrows(MessagingException.class, () -> send(smtps("localhost")));
        assertInstanceOf(SSLException.class, e.getNextException(), e.toString());
        assertEquals(0, GREENMAIL.getReceivedMessages().length);
    }

    @Test
    void trustDoesNotSwitchOffTheHostNameCheck() throws Exception {
        Properties p = smtps("127.0.0.1");
        p.setProperty("mail.smtps.ssl.trust", "*");
        MessagingException e = assertThrows(MessagingException.class, () -> send(p));
        assertInstanceOf(SSLException.class, e.getNextException(), e.toString());
        assertTrue(String.valueOf(e.getNextException().getMessage()).contains("127.0.0.1"), e.toString());
        p.setProperty("mail.xsmtps.ssl.checkserveridentity", "false");
        send(p);
        assertEquals(1, GREENMAIL.getReceivedMessages().length);
    }
}
