package org.xsmtp.cli;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * The main job, {@code xsmtp --demo}: a multipart message (text and an attachment, with To, Cc and Bcc) goes
 * through Jakarta Mail's {@code Session.getTransport("xsmtp")} to an embedded GreenMail on a free loopback
 * port, with the wire trace on; then the message is printed as the server stored it.
 */
final class Demo {
    private Demo() {
    }

    /**
     * @param out where the trace and the stored message go
     * @return {@link ExitCode#OK}
     * @throws CliFailure when GreenMail is missing or the send fails
     */
    static ExitCode run(PrintStream out) throws CliFailure {
        try (EmbeddedServer server = EmbeddedServer.start()) {
            out.println("== embedded GreenMail SMTP server on 127.0.0.1:" + server.port());
            Properties p = new Properties();
            p.setProperty("mail.xsmtp.host", "127.0.0.1");
            p.setProperty("mail.xsmtp.port", String.valueOf(server.port()));
            p.setProperty("mail.xsmtp.localhost", "demo.xsmtp.test");
            Session session = Session.getInstance(p);
            session.setDebugOut(out);
            MimeMessage message = message(session);
            try (Transport transport = session.getTransport("xsmtp")) {
                out.println("== Session.getTransport(\"xsmtp\") is " + transport.getClass().getName()
                        + "; the wire trace (mail.debug):");
                session.setDebug(true);
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
                session.setDebug(false);
            }
            StoredMessages.print(server.received(), out, true);
            out.println("== the Bcc recipient got the message, but no copy shows a Bcc header");
            return ExitCode.OK;
        } catch (MessagingException e) {
            throw Failures.of(e.getNextException() != null ? e.getNextException() : e);
        }
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("xsmtp demo <demo@xsmtp.test>"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse("You <you@example.test>"));
        m.setRecipients(Message.RecipientType.CC, InternetAddress.parse("team@example.test"));
        m.setRecipients(Message.RecipientType.BCC, InternetAddress.parse("audit@example.test"));
        m.setSubject("Hello from xsmtp", "UTF-8");
        m.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText("It works: this message went through Session.getTransport(\"xsmtp\").\n"
                + ".A line starting with a dot arrives intact (the engine dot-stuffs it).\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent("host,port\n127.0.0.1,25\n".getBytes(StandardCharsets.US_ASCII), "text/csv");
        attachment.setFileName("servers.csv");
        m.setContent(new MimeMultipart(text, attachment));
        m.saveChanges();
        return m;
    }
}
