package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.ScriptedServer;

/** The usual Angus setup: {@code starttls.enable} and {@code auth} against port 587. */
class StartTlsTest {

    private static Properties props(ScriptedServer server, String host) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", String.valueOf(server.port()));
        p.setProperty("mail.smtp.localhost", "client.test");
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.ssl.trust", "localhost");
        return p;
    }

    @Test
    void startTlsThenEhloAgainThenAuth() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake ESMTP").read()
                .reply("250-fake", "250 STARTTLS").read().reply("220 go ahead")
                .tls(LocalhostCertificate.serverContext())
                .read().reply("250-fake", "250 AUTH PLAIN").read().reply("235 2.7.0 ok").read().reply("221 bye"))) {
            try (Transport t = Session.getInstance(props(server, "localhost")).getTransport("xsmtp")) {
                t.connect("alice", "pw");
            }
            String auth = Base64.getEncoder().encodeToString("\0alice\0pw".getBytes());
            assertEquals("EHLO client.test\r\nSTARTTLS\r\nEHLO client.test\r\nAUTH PLAIN " + auth + "\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void theCertificateMustNameTheHost() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 fake ESMTP").read()
                .reply("250-fake", "250 STARTTLS").read().reply("220 go ahead")
                .tls(LocalhostCertificate.serverContext()))) {
            Properties p = props(server, "127.0.0.1");
            p.setProperty("mail.smtp.ssl.trust", "*");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                MessagingException e = assertThrows(MessagingException.class, () -> t.connect("alice", "pw"));
                assertEquals(javax.net.ssl.SSLHandshakeException.class, e.getNextException().getClass(), e.toString());
            }
        }
    }
}
