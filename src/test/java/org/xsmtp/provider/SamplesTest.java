package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** Each file of META-INF-services-sample/ does what its README says, on the Jakarta Mail at hand. */
class SamplesTest {
    private static final Path SAMPLES = Path.of("META-INF-services-sample");

    private static Dialog accepting() {
        return Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
    }

    /** @return a folder with the sample copied to META-INF/ */
    private static Path asMetaInf(Path dir, String sample) throws Exception {
        Path target = dir.resolve("META-INF").resolve(sample);
        Files.createDirectories(target.getParent());
        Files.copy(SAMPLES.resolve(sample), target);
        return dir;
    }

    private static Properties sample(String name) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(SAMPLES.resolve(name))) {
            p.load(r);
        }
        return p;
    }

    /** Sends through Transport.send on the Angus-style session and checks xsmtp did it. */
    private static void sendsWithXsmtp(Properties extra) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(accepting())) {
            Properties p = Fixtures.angusStyle(server);
            p.putAll(extra);
            Session session = Session.getInstance(p);
            assertInstanceOf(XsmtpTransport.class, session.getTransport(new InternetAddress("to@x.test")));
            MimeMessage m = Fixtures.message(session, "me@x.test", "to@x.test");
            Transport.send(m);
            assertTrue(server.transcript().startsWith("EHLO client.test\r\nMAIL FROM:<me@x.test>\r\n"));
        }
    }

    @Test
    void providersFileRoutesSmtpAndSmtps(@TempDir Path dir) throws Exception {
        String file = MailApi.is21() ? "jakarta.providers" : "javamail.providers";
        new ResourceLoader(Set.of(), asMetaInf(dir, file)).run(() -> {
            Session session = Session.getInstance(new Properties());
            assertInstanceOf(XsmtpTransport.class, session.getTransport("smtp"));
            assertInstanceOf(XsmtpSslTransport.class, session.getTransport("smtps"));
            assertEquals("xsmtp", session.getProvider("smtp").getVendor());
            sendsWithXsmtp(new Properties());
            return null;
        });
    }

    @Test
    void addressMapRoutesTransportSend(@TempDir Path dir) throws Exception {
        String file = MailApi.is21() ? "jakarta.address.map" : "javamail.address.map";
        new ResourceLoader(Set.of(), asMetaInf(dir, file)).run(() -> {
            sendsWithXsmtp(new Properties());
            return null;
        });
    }

    @Test
    void sendPropertiesRouteTransportSendAndGetTransport() throws Exception {
        Properties p = sample("xsmtp-send.properties");
        assertInstanceOf(XsmtpTransport.class, Session.getInstance(p).getTransport());
        sendsWithXsmtp(p);
    }

    @Test
    void classPropertiesRouteTheStandardNames() throws Exception {
        Properties p = sample("smtp-class.properties");
        Session session = Session.getInstance(p);
        assertInstanceOf(XsmtpTransport.class, session.getTransport("smtp"));
        assertInstanceOf(XsmtpSslTransport.class, session.getTransport("smtps"));
        sendsWithXsmtp(p);
    }

    @Test
    void everySampleHasATestAndTheReadmeNamesIt() throws Exception {
        String readme = Files.readString(SAMPLES.resolve("README.md"));
        try (var files = Files.list(SAMPLES)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertTrue(name.equals("README.md") || readme.contains("`" + name + "`"), name + " not in README");
            }
        }
    }
}
