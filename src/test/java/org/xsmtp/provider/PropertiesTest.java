package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.xsmtp.smtp.SmtpOptions;
import org.xsmtp.smtp.SmtpTimeouts;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** Property names, fallback, defaults and errors. */
class PropertiesTest {

    private static SmtpOptions options(Flavor flavor, String host, String... props) throws MessagingException {
        Properties p = new Properties();
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        ProviderProperties pp = new ProviderProperties(p, flavor.protocol, flavor.fallback);
        return ClientOptions.of(TransportConfig.read(pp), Session.getInstance(p), host);
    }

    @Test
    void ownPrefixWinsOverAngusPrefix() throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.port", "2525");
        p.setProperty("mail.xsmtp.port", "2526");
        p.setProperty("mail.smtp.host", "smtp.example");
        assertEquals(2526, TransportConfig.read(new ProviderProperties(p, "xsmtp", "smtp")).port());
        assertEquals("smtp.example", TransportConfig.read(new ProviderProperties(p, "xsmtp", "smtp")).host());
        assertEquals("mail.xsmtp.port", new ProviderProperties(p, "xsmtp", "smtp").key("port"));
        assertEquals("mail.smtp.host", new ProviderProperties(p, "xsmtp", "smtp").key("host"));
    }

    @Test
    void xsmtpsFallsBackToSmtpsNotSmtp() throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.port", "25");
        p.setProperty("mail.smtps.port", "4650");
        p.setProperty("mail.smtps.ssl.trust", "*");
        TransportConfig c = TransportConfig.read(
                new ProviderProperties(p, Flavor.XSMTPS.protocol, Flavor.XSMTPS.fallback));
        assertEquals(4650, c.port());
        assertEquals(List.of("*"), c.tls().trust());
        TransportConfig l = TransportConfig.read(
                new ProviderProperties(p, Flavor.XLMTP.protocol, Flavor.XLMTP.fallback));
        assertEquals(25, l.port());
    }

    @Test
    void defaults() throws MessagingException {
        SmtpOptions o = options(Flavor.XSMTP, "mail.example");
        assertEquals(SmtpTimeouts.RFC_5321, o.timeouts());
        assertTrue(o.pipelining());
        assertTrue(o.chunking());
        assertTrue(o.requireAllRecipients(), "sendpartial defaults to false");
        assertFalse(o.allowInsecureAuth());
        assertFalse(o.dangerouslySkipHostnameVerification(), "ssl.checkserveridentity defaults to true");
        assertNull(o.sslContext());
        assertNull(o.sourceAddress());
        assertEquals(0, o.debugLevel());
        assertEquals(SmtpOptions.SMTPLIB_AUTH_ORDER, o.authMechanisms());
    }

    @Test
    void everyEngineKnob() throws MessagingException {
        SmtpOptions o = options(Flavor.XSMTP, "mail.example",
                "mail.smtp.connectiontimeout", "1500", "mail.smtp.timeout", "2500", "mail.xsmtp.writetimeout", "3500",
                "mail.smtp.localhost", "me.example", "mail.smtp.localaddress", "127.0.0.1", "mail.smtp.localport", "0",
                "mail.smtp.ssl.checkserveridentity", "false", "mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2",
                "mail.smtp.ssl.ciphersuites", "TLS_AES_128_GCM_SHA256",
                "mail.smtp.auth.mechanisms", "LOGIN DIGEST-MD5 plain", "mail.xsmtp.auth.allowinsecure", "true",
                "mail.xsmtp.pipelining", "false", "mail.xsmtp.chunking", "false",
                "mail.smtp.sendpartial", "true");
        assertEquals(new SmtpTimeouts(Duration.ofMillis(1500), Duration.ofMillis(2500), Duration.ofMillis(2500),
                Duration.ofMillis(2500), Duration.ofMillis(3500), Duration.ofMillis(2500)), o.timeouts());
        assertEquals("me.example", o.localHostname());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), o.sourceAddress());
        assertTrue(o.dangerouslySkipHostnameVerification());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), o.tlsProtocols());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), o.tlsCipherSuites());
        assertEquals(List.of("LOGIN", "PLAIN"), o.authMechanisms());
        assertTrue(o.allowInsecureAuth());
        assertFalse(o.pipelining());
        assertFalse(o.chunking());
        assertFalse(o.requireAllRecipients());
    }

    @Test
    void sslTrustCoversListedHostsOnly() throws MessagingException {
        assertNotNull(options(Flavor.XSMTP, "a.example", "mail.smtp.ssl.trust", "*").sslContext());
        assertNotNull(options(Flavor.XSMTP, "B.example", "mail.smtp.ssl.trust", "a.example b.example").sslContext());
        assertNull(options(Flavor.XSMTP, "c.example", "mail.smtp.ssl.trust", "a.example b.example").sslContext());
    }

    @Test
    void socketFactoryInstance() throws MessagingException {
        Properties p = new Properties();
        SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        p.put("mail.smtp.ssl.socketFactory", factory);
        p.setProperty("mail.smtp.ssl.trust", "*");
        TransportConfig c = TransportConfig.read(new ProviderProperties(p, "xsmtp", "smtp"));
        SmtpOptions o = ClientOptions.of(c, Session.getInstance(p), "h");
        assertSame(factory, o.sslSocketFactory());
        assertNull(o.sslContext(), "ssl.socketFactory wins over ssl.trust, as in Angus");
        p.put("mail.smtp.ssl.socketFactory", "not a factory");
        MessagingException e = assertThrows(MessagingException.class,
                () -> TransportConfig.read(new ProviderProperties(p, "xsmtp", "smtp")));
        assertTrue(e.getMessage().contains("mail.smtp.ssl.socketFactory"), e.getMessage());
    }

    @Test
    void objectValuesAsAngusAllows() throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.port", 2525);
        p.put("mail.smtp.sendpartial", Boolean.TRUE);
        TransportConfig c = TransportConfig.read(new ProviderProperties(p, "xsmtp", "smtp"));
        assertEquals(2525, c.port());
        assertTrue(c.sendPartial());
    }

    @Test
    void settingsInThePropertiesDefaultsCountAsAngusReadsThem() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN")
                .on("AUTH PLAIN", "235 2.7.0 ok").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("DATA", "354 go").onData("250 queued"))) {
            Properties base = Fixtures.angusStyle(server);
            base.setProperty("mail.smtp.auth", "true");
            base.setProperty("mail.smtp.from", "bounces@x.test");
            Properties p = new Properties(base); // the application's settings wrapped, one line added
            p.setProperty("mail.transport.protocol.rfc822", "xsmtp");
            assertEquals("mail.smtp.from", new ProviderProperties(p, "xsmtp", "smtp").key("from"));
            Session session = Session.getInstance(p);
            jakarta.mail.internet.MimeMessage m = Fixtures.message(session, "a@x.test", "b@y.test");
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect("alice", "pw");
                t.sendMessage(m, m.getAllRecipients());
            }
            String auth = java.util.Base64.getEncoder().encodeToString("\0alice\0pw".getBytes());
            assertTrue(server.transcript().startsWith("EHLO client.test\r\nAUTH PLAIN " + auth
                    + "\r\nMAIL FROM:<bounces@x.test>\r\nRCPT TO:<b@y.test>\r\n"), server.transcript());
        }
    }

    @Test
    void badValuesNameTheProperty() {
        String[][] cases = {{"mail.smtp.port", "abc"}, {"mail.xsmtp.timeout", "soon"}, {"mail.smtp.auth", "yes"},
            {"mail.smtp.dsn.notify", "ALWAYS"}, {"mail.smtp.dsn.ret", "BODY"}, {"mail.smtp.port", "70000"},
            {"mail.smtp.auth.mechanisms", "NTLM"}};
        for (String[] c : cases) {
            Properties p = new Properties();
            p.setProperty(c[0], c[1]);
            MessagingException e = assertThrows(MessagingException.class,
                    () -> TransportConfig.read(new ProviderProperties(p, "xsmtp", "smtp")), c[0]);
            assertTrue(e.getMessage().contains(c[0]) && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void badValueFailsConnectBeforeAnyConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.connectiontimeout", "abc");
            Session session = Session.getInstance(p);
            try (Transport t = session.getTransport("xsmtp")) {
                MessagingException e = assertThrows(MessagingException.class, t::connect);
                assertTrue(e.getMessage().contains("mail.smtp.connectiontimeout"), e.getMessage());
            }
            Thread.sleep(100);
            assertEquals(0, server.connections());
        }
    }

    @Test
    void ehloFalseSendsHeloOnly() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.ehlo", "false");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                t.connect();
            }
            assertEquals("HELO client.test\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void startTlsRequiredButNotOffered() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("SIZE 1000"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                MessagingException e = assertThrows(MessagingException.class, t::connect);
                assertTrue(e.getMessage().contains("STARTTLS is required"), e.getMessage());
            }
            assertEquals("EHLO client.test\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void startTlsEnableIsOpportunisticAsInAngus() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("SIZE 1000"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.starttls.enable", "true");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                t.connect();
                assertTrue(t.isConnected());
            }
            assertEquals("EHLO client.test\r\nNOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void aRefusedStartTlsFailsTheConnect() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("STARTTLS")
                .on("STARTTLS", "454 4.7.0 TLS not available"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.starttls.enable", "true");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                MessagingException e = assertThrows(MessagingException.class, t::connect);
                assertTrue(e.getMessage().contains("454"), e.getMessage());
                assertFalse(t.isConnected());
            }
            assertTrue(server.transcript().startsWith("EHLO client.test\r\nSTARTTLS\r\n"), server.transcript());
            assertFalse(server.transcript().contains("MAIL"), server.transcript());
        }
    }

    @Test
    void authRequiredWithoutPasswordAsksTheAuthenticatorFirst() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN")
                .on("AUTH PLAIN", "235 2.7.0 ok"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.smtp.user", "alice");
            Session session = Session.getInstance(p, new jakarta.mail.Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(getDefaultUserName(), "s3cret");
                }
            });
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect();
            }
            assertEquals(1, server.connections());
            String auth = java.util.Base64.getEncoder().encodeToString("\0alice\0s3cret".getBytes());
            assertEquals("EHLO client.test\r\nAUTH PLAIN " + auth + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void theAuthenticatorsAnswerIsSavedForTheNextConnectAsJakartaMailDoes() throws Exception {
        org.xsmtp.testkit.Script oneLogin = new org.xsmtp.testkit.Script().reply("220 fake.test").read()
                .reply("250-fake.test", "250 AUTH PLAIN").read().reply("235 2.7.0 ok").read().reply("221 bye");
        try (ScriptedServer server = ScriptedServer.start(List.of(oneLogin, oneLogin))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.smtp.user", "alice");
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            Session session = Session.getInstance(p, new jakarta.mail.Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    asked.incrementAndGet();
                    assertEquals("xsmtp", getRequestingProtocol());
                    return new PasswordAuthentication(getDefaultUserName(), "s3cret");
                }
            });
            for (int i = 0; i < 2; i++) {
                try (Transport t = session.getTransport("xsmtp")) {
                    t.connect();
                    assertEquals("alice", t.getURLName().getUsername());
                    assertNull(t.getURLName().getPassword());
                }
            }
            assertEquals(1, asked.get());
            String auth = java.util.Base64.getEncoder().encodeToString("\0alice\0s3cret".getBytes());
            assertEquals("EHLO client.test\r\nAUTH PLAIN " + auth + "\r\nQUIT\r\n"
                    + "EHLO client.test\r\nAUTH PLAIN " + auth + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void aUrlsPasswordGoesWithItsUserEvenWhenMailUserNamesThatUser() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN")
                .on("AUTH PLAIN", "235 2.7.0 ok"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.user", "alice");
            jakarta.mail.URLName url = new jakarta.mail.URLName("xsmtp://alice:secret@127.0.0.1:" + server.port());
            try (Transport t = Session.getInstance(p).getTransport(url)) {
                t.connect();
            }
            String auth = java.util.Base64.getEncoder().encodeToString("\0alice\0secret".getBytes());
            assertEquals("EHLO client.test\r\nAUTH PLAIN " + auth + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void authRequiredWithoutAnyPasswordFailsWithoutConnecting() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.auth", "true");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                assertThrows(AuthenticationFailedException.class, t::connect);
            }
            Thread.sleep(100);
            assertEquals(0, server.connections());
        }
    }

    @Test
    void authRequiredButNotOfferedFails() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("SIZE 100"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.auth", "true");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                        () -> t.connect("alice", "pw"));
                assertTrue(e.getMessage().contains("does not offer AUTH"), e.getMessage());
            }
        }
    }

    @Test
    void refusedCredentialsAreAnAuthenticationFailedException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN")
                .on("AUTH", "535 5.7.8 bad credentials"))) {
            Properties p = Fixtures.angusStyle(server);
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                        () -> t.connect("alice", "wrong"));
                assertTrue(e.getMessage().contains("535"), e.getMessage());
                assertFalse(t.isConnected());
            }
        }
    }

    @Test
    void xoauth2AloneUsesThePasswordAsToken() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("AUTH PLAIN XOAUTH2")
                .on("AUTH XOAUTH2", "235 2.7.0 ok"))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.smtp.auth.mechanisms", "XOAUTH2");
            try (Transport t = Session.getInstance(p).getTransport("xsmtp")) {
                t.connect("alice@x.test", "ya29.token");
            }
            String initial = java.util.Base64.getEncoder().encodeToString(
                    "user=alice@x.test\u0001auth=Bearer ya29.token\u0001\u0001".getBytes());
            assertEquals("EHLO client.test\r\nAUTH XOAUTH2 " + initial + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void hostPrecedenceUrlThenProtocolThenAngusThenMailHost() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(List.of(
                new org.xsmtp.testkit.Script().reply("220 a").read().reply("250 a").read().reply("221 a"),
                new org.xsmtp.testkit.Script().reply("220 b").read().reply("250 b").read().reply("221 b")))) {
            Properties p = Fixtures.angusStyle(server);
            p.setProperty("mail.host", "mail-host.invalid");
            Session session = Session.getInstance(p);
            try (Transport t = session.getTransport("xsmtp")) {
                t.connect(); // mail.smtp.host wins over mail.host, as with Angus
            }
            p.setProperty("mail.smtp.host", "smtp-host.invalid");
            jakarta.mail.URLName url = new jakarta.mail.URLName("xsmtp", "127.0.0.1", server.port(), null, null, null);
            try (Transport t = session.getTransport(url)) {
                t.connect(); // the URL's own host wins over the properties
            }
            assertEquals(2, server.connections());
        }
    }
}
