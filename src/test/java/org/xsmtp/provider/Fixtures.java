package org.xsmtp.provider;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.xsmtp.testkit.ScriptedServer;

/** Sessions and messages for provider tests. */
final class Fixtures {
    /** JUnit tag of tests that need GreenMail (so Jakarta Mail 2.1): left out of the Jakarta Mail 2.0 run. */
    static final String GREENMAIL = "greenmail";

    private Fixtures() {
    }

    /** @return Angus-style {@code mail.smtp.*} properties pointing at the scripted server */
    static Properties angusStyle(ScriptedServer server) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(server.port()));
        p.setProperty("mail.smtp.localhost", "client.test");
        return p;
    }

    /** @return the same, with {@code Transport.send} routed to xsmtp */
    static Session xsmtpSession(ScriptedServer server) {
        Properties p = angusStyle(server);
        p.setProperty("mail.transport.protocol.rfc822", "xsmtp");
        return Session.getInstance(p);
    }

    static Session session(Properties p) {
        return Session.getInstance(p);
    }

    /** @return a text message from {@code from} to the comma-separated {@code to} */
    static MimeMessage message(Session session, String from, String to) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject("test");
        m.setText("hello\n");
        return m;
    }

    static List<String> strings(Address[] addresses) {
        return addresses == null ? null
                : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }
}
