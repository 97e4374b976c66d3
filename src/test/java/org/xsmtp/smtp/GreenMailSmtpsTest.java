package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xsmtp.peers.TestCertificates;

/**
 * Implicit TLS and AUTH against GreenMail's SMTPS server, which presents the test CA's localhost certificate;
 * host name checks stay on. What GreenMail received is read back and compared.
 */
@Timeout(60)
class GreenMailSmtpsTest {
    static {
        // GreenMail reads its key store properties once per JVM, when its first TLS server starts: this must
        // run before the extension below starts SMTPS. Without openssl the tests skip (TestCertificates.get()).
        if (Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            TestCertificates.get().useLocalhostForGreenMail();
        }
    }

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alice@localhost", "alice", "s3cret"));

    private static final String MESSAGE = "From: Alice <alice@localhost>\r\nTo: Bob <bob@example.net>\r\n"
            + "Subject: implicit tls\r\nMessage-ID: <1@localhost>\r\n\r\nHello Bob,\r\nover TLS.\r\n";

    private static int port() {
        return GREENMAIL.getSmtps().getPort();
    }

    private static void sendAndCheck(String host, SmtpOptions options) throws Exception {
        try (SmtpSslClient client = new SmtpSslClient(host, port(), options)) {
            assertEquals(235, client.login("alice", "s3cret").code());
            Map<String, Reply> refused = client.sendmail("alice@localhost",
                    List.of("bob@example.net", "carol@example.net"), MESSAGE);
            assertEquals(Map.of(), refused);
        }
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertEquals(2, received.length, "one delivery per envelope recipient");
        for (MimeMessage m : received) {
            assertEquals("implicit tls", m.getSubject());
            // GreenMail keeps the CRLF before the final dot out of the body.
            assertEquals("Hello Bob,\r\nover TLS.", GreenMailUtil.getBody(m));
            assertEquals(List.of(new InternetAddress("Bob <bob@example.net>")),
                    Arrays.asList(m.getRecipients(Message.RecipientType.TO)));
            assertEquals(List.of(new InternetAddress("alice@localhost")), Arrays.asList(m.getFrom()));
        }
        for (String rcpt : List.of("bob@example.net", "carol@example.net")) {
            assertEquals(1, GREENMAIL.findReceivedMessages(u -> u.getEmail().equals(rcpt), m -> true).count(),
                    rcpt + "'s mailbox");
        }
    }

    @Test
    void sendsToLocalhostWithHostNameChecks() throws Exception {
        sendAndCheck("localhost", TlsFixtures.trustingCa().build());
    }

    @Test
    void sendsToTheAddressCheckingTheCertificateAgainstTheServerName() throws Exception {
        sendAndCheck("127.0.0.1", TlsFixtures.trustingCa().tlsServerName("localhost").build());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        // PLAIN only: GreenMail answers AUTH LOGIN with an initial response with 500, so in smtplib's order the
        // last failure (the one raised, as smtplib does) would be LOGIN's 500, not the 535 of interest here.
        SmtpOptions plainOnly = TlsFixtures.trustingCa().authMechanisms(List.of("PLAIN")).build();
        try (SmtpSslClient client = new SmtpSslClient("localhost", port(), plainOnly)) {
            SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                    () -> client.login("alice", "wrong"));
            assertEquals(535, e.code());
            assertEquals("5.7.8  Authentication credentials invalid", e.error());
        }
        assertEquals(0, GREENMAIL.getReceivedMessages().length);
    }
}
