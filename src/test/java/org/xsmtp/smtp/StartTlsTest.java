package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xsmtp.testkit.Script;
import org.xsmtp.testkit.ScriptedServer;

/**
 * STARTTLS as smtplib does it: EHLO first if needed, an exception (never a plaintext session) when STARTTLS is
 * missing or refused, and after the handshake nothing learnt from the plaintext EHLO is kept: EHLO is sent
 * again, inside TLS, before the next transaction or login.
 */
@Timeout(30)
class StartTlsTest {
    private static final String PLAINTEXT = "EHLO me.test\r\nSTARTTLS\r\n";

    private static SSLContext localhost() {
        return TlsFixtures.server(TlsFixtures.certs().localhost());
    }

    /** The plaintext part and the handshake: greeting, EHLO offering SIZE and STARTTLS, STARTTLS, 220, TLS. */
    private static Script upgraded(Script s) {
        return s.reply(TlsFixtures.GREETING).read().reply("250-fake.test", "250-SIZE 1000", "250 STARTTLS").read()
                .reply("220 2.0.0 Ready to start TLS").tls(localhost());
    }

    private static SmtpClient connect(ScriptedServer server) throws Exception {
        return new SmtpClient("127.0.0.1", server.port(), TlsFixtures.trustingCa().build());
    }

    @Test
    void ehloIsSentFirstWhenNoneWasSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = connect(server)) {
                assertEquals(new Reply(220, "2.0.0 Ready to start TLS"), client.starttls());
                assertTrue(client.channel().connection().isSecure());
            }
            assertEquals(PLAINTEXT + "QUIT\r\n", server.transcript());
        }
    }

    @Test
    void anEhloAlreadyAnsweredIsNotRepeatedBeforeStarttls() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = connect(server)) {
                client.ehlo();
                client.starttls();
            }
            assertEquals(PLAINTEXT + "QUIT\r\n", server.transcript());
        }
    }

    @Test
    void aServerThatDoesNotOfferStarttlsGetsNothingAfterEhlo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250 SIZE 1000").readToEnd())) {
            SmtpClient client = connect(server);
            SmtpNotSupportedException e = assertThrows(SmtpNotSupportedException.class, client::starttls);
            assertEquals("STARTTLS extension not supported by server.", e.getMessage());
            assertTrue(client.isConnected(), "as smtplib, the caller decides what to do with the connection");
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @Test
    void aRefusalIsAnExceptionAndTheEngineSendsNothingMoreInPlaintext() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250 STARTTLS").read()
                .reply("454 4.7.0 TLS not available due to temporary reason").readToEnd())) {
            SmtpClient client = connect(server);
            SmtpResponseException e = assertThrows(SmtpResponseException.class, client::starttls);
            assertEquals(454, e.code());
            assertEquals("4.7.0 TLS not available due to temporary reason", e.error());
            assertEquals("STARTTLS", e.command());
            assertFalse(client.channel().connection().isSecure());
            client.abort();
            assertEquals(PLAINTEXT, server.transcript());
            assertEquals(List.of(), server.tlsSessions());
        }
    }

    @Test
    void everythingLearntFromThePlaintextEhloIsForgotten() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read()
                .reply("250-fake.test says hello over TLS", "250 AUTH PLAIN").read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = connect(server)) {
                client.ehlo();
                assertTrue(client.hasExtn("size") && client.hasExtn("starttls"));
                client.starttls();
                assertFalse(client.hasExtn("size"));
                assertFalse(client.hasExtn("starttls"));
                assertNull(client.ehloResp());
                assertNull(client.heloResp());
                assertFalse(client.doesEsmtp());
                assertEquals(Map.of(), client.esmtpFeatures());
                client.ehlo();
                assertEquals("fake.test says hello over TLS\nAUTH PLAIN", client.ehloResp());
                // smtplib keeps AUTH parameters as " " + the advertised list, hence the leading space.
                assertEquals(Map.of("auth", " PLAIN"), client.esmtpFeatures());
            }
            assertEquals(PLAINTEXT + "EHLO me.test\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void sendmailSendsEhloAgainInsideTls() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read().reply("250 fake.test")
                .read().reply("250 2.1.0 Ok").read().reply("250 2.1.5 Ok").read().reply("354 go")
                .readData().reply("250 2.0.0 Ok").read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = connect(server)) {
                client.starttls();
                assertEquals(Map.of(), client.sendmail("a@x.test", List.of("b@y.test"), "hi\r\n"));
            }
            // No SIZE parameter: the SIZE learnt before TLS was forgotten and the new EHLO does not offer it.
            assertEquals(PLAINTEXT + "EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n"
                    + "hi\r\n.\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void loginSendsEhloAgainInsideTls() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read()
                .reply("250-fake.test", "250 AUTH PLAIN").read().reply("235 2.7.0 ok").read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = connect(server)) {
                client.starttls();
                assertEquals(235, client.login("tim", "pw").code());
            }
            assertEquals(PLAINTEXT + "EHLO me.test\r\nAUTH PLAIN AHRpbQBwdw==\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void mailSendsEhloAgainInsideTls() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read().reply("250 fake.test")
                .read().reply("250 2.1.0 Ok").read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = connect(server)) {
                client.starttls();
                assertEquals(new Reply(250, "2.1.0 Ok"), client.mail("a@x.test", List.of("SIZE=5")));
            }
            // smtplib sends ESMTP parameters only to a server that answered EHLO: the new EHLO came first.
            assertEquals(PLAINTEXT + "EHLO me.test\r\nMAIL FROM:<a@x.test> SIZE=5\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void aContextGivenToStarttlsWinsOverTheOptions() throws Exception {
        SmtpOptions jdkTrust = TlsFixtures.trustingCa().sslContext(null).build();
        try (ScriptedServer server = ScriptedServer.start(s -> upgraded(s).read().reply("221 2.0.0 Bye"))) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), jdkTrust)) {
                client.starttls(TlsFixtures.certs().clientContextTrustingCa());
            }
            assertEquals(PLAINTEXT + "QUIT\r\n", server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250 STARTTLS").read().reply("220 2.0.0 go").tlsRefused(localhost()))) {
            SmtpClient client = connect(server);
            assertThrows(SSLHandshakeException.class, () -> client.starttls(SSLContext.getDefault()));
            assertFalse(client.isConnected());
            assertEquals(PLAINTEXT, server.transcript());
        }
    }
}
