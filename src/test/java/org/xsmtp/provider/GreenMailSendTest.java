package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transport.send through xsmtp into GreenMail, configured exactly as for Angus Mail plus one line. */
@Tag(Fixtures.GREENMAIL)
class GreenMailSendTest {
    private static final String SUBJECT = "Grüße aus Köln ✓";
    private static final String TEXT = "Hallo Jörg,\nanbei die Datei.\n— xsmtp\n";
    private static final byte[] ATTACHMENT = new byte[300_000];

    static {
        new Random(42).nextBytes(ATTACHMENT);
    }

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alice@x.test", "alice", "alice-pw"));

    /** An application's Angus Mail configuration, untouched. */
    private static Properties angusConfiguration() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(GREENMAIL.getSmtp().getPort()));
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.user", "alice");
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "5000");
        return p;
    }

    private static Session session(Properties p) {
        return Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("alice", "alice-pw");
            }
        });
    }

    private static MimeMessage multipart(Session session) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("alice@x.test", "Alice Ünal", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, "bob@x.test, carol@x.test");
        m.setRecipients(Message.RecipientType.CC, "dave@x.test");
        m.setRecipients(Message.RecipientType.BCC, "secret@x.test");
        m.setSubject(SUBJECT, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(ATTACHMENT, "application/octet-stream")));
        file.setFileName("data.bin");
        m.setContent(new MimeMultipart(text, file));
        return m;
    }

    private static void assertSameContent(MimeMessage received) throws Exception {
        assertEquals(SUBJECT, received.getSubject());
        assertNull(received.getHeader("Bcc"), "Bcc was transmitted");
        MimeMultipart mp = (MimeMultipart) received.getContent();
        assertEquals(2, mp.getCount());
        assertEquals(TEXT, ((String) mp.getBodyPart(0).getContent()).replace("\r\n", "\n"), "text, CRLF on the wire");
        assertEquals("data.bin", mp.getBodyPart(1).getFileName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mp.getBodyPart(1).getDataHandler().writeTo(bytes);
        assertArrayEquals(ATTACHMENT, bytes.toByteArray());
    }

    @Test
    void transportSendDeliversMultipartUtf8ToEveryRecipientWithoutBcc() throws Exception {
        Properties p = angusConfiguration();
        p.setProperty("mail.transport.protocol.rfc822", "xsmtp");
        Session session = session(p);
        assertInstanceOf(XsmtpTransport.class, session.getTransport(new InternetAddress("bob@x.test")));
        Transport.send(multipart(session));
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertEquals(4, received.length, "one stored copy per recipient, Bcc included");
        for (MimeMessage r : received) {
            assertSameContent(r);
        }
    }

    @Test
    void switchFromAngusInOneLine() throws Exception {
        Properties angus = angusConfiguration();
        Transport.send(multipart(session(angus)));
        MimeMessage[] byAngus = GREENMAIL.getReceivedMessages();

        Properties xsmtp = angusConfiguration();
        xsmtp.setProperty("mail.transport.protocol.rfc822", "xsmtp"); // the one line
        Transport.send(multipart(session(xsmtp)));
        MimeMessage[] all = GREENMAIL.getReceivedMessages();

        assertEquals(4, byAngus.length);
        assertEquals(8, all.length);
        for (MimeMessage r : all) {
            assertSameContent(r);
        }
    }
}
