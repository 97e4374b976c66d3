package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The one-line switch on whatever Jakarta Mail implementation is present (Angus on 2.1, com.sun.mail on 2.0):
 * the same session properties, first as they are, then with {@code mail.transport.protocol.rfc822=xsmtp}.
 */
class AngusSwitchTest {

    private static String run(Properties p) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("DATA", "354 go"))) {
            Properties props = new Properties();
            props.putAll(p);
            props.setProperty("mail.smtp.port", String.valueOf(server.port()));
            Session session = Session.getInstance(props);
            MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
            m.setRecipients(Message.RecipientType.CC, "cc@x.test");
            m.setRecipients(Message.RecipientType.BCC, "bcc@x.test");
            Transport.send(m);
            return server.transcript();
        }
    }

    private static Set<String> envelope(String transcript) {
        Set<String> lines = new TreeSet<>();
        Arrays.stream(transcript.split("\r\n")).filter(l -> l.startsWith("MAIL ") || l.startsWith("RCPT "))
                .forEach(lines::add);
        return lines;
    }

    @Test
    void sameConfigurationSameEnvelopeOneLineApart() throws Exception {
        Properties angus = new Properties();
        angus.setProperty("mail.smtp.host", "127.0.0.1");
        angus.setProperty("mail.smtp.localhost", "client.test");
        String byDefault = run(angus);

        Properties xsmtp = new Properties();
        xsmtp.putAll(angus);
        xsmtp.setProperty("mail.transport.protocol.rfc822", "xsmtp");
        assertInstanceOf(XsmtpTransport.class,
                Session.getInstance(xsmtp).getTransport(new InternetAddress("a@x.test")));
        String byXsmtp = run(xsmtp);

        assertEquals(Set.of("MAIL FROM:<me@x.test>", "RCPT TO:<to@x.test>", "RCPT TO:<cc@x.test>",
                "RCPT TO:<bcc@x.test>"), envelope(byXsmtp));
        assertEquals(envelope(byDefault), envelope(byXsmtp));
        assertFalse(byXsmtp.contains("Bcc:"));
        assertFalse(byDefault.contains("Bcc:"));
    }
}
