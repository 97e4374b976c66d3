package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The plaintext rule for reusable secrets, with the peer taken for another machine (the package-private
 * {@code localPeer} predicate says no, although the server is on 127.0.0.1): PLAIN is refused over an
 * unencrypted link unless {@code allowInsecureAuth}, and allowed once STARTTLS has encrypted the link.
 */
@Timeout(30)
class InsecureAuthPolicyTest {
    private static final String TIM_PW = "AHRpbQBwdw==";

    private static SmtpOptions.Builder remote() {
        return TlsFixtures.trustingCa().localPeer(c -> false);
    }

    @Test
    void plainIsRefusedOverPlaintextToAnotherHost() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250 AUTH PLAIN").readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), remote().build());
            SmtpSecurityException e = assertThrows(SmtpSecurityException.class, () -> client.login("tim", "pw"));
            assertTrue(e.getMessage().contains("refusing AUTH PLAIN over an unencrypted connection"), e.getMessage());
            assertTrue(e.getMessage().contains("allowInsecureAuth"), e.getMessage());
            client.abort();
            assertEquals("EHLO me.test\r\n", server.transcript());
        }
    }

    @Test
    void allowInsecureAuthLetsPlainThrough() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250 AUTH PLAIN").read().reply("235 2.7.0 ok").read().reply("221 bye"))) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(),
                    remote().allowInsecureAuth(true).build())) {
                assertEquals(235, client.login("tim", "pw").code());
            }
            assertEquals("EHLO me.test\r\nAUTH PLAIN " + TIM_PW + "\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void plainIsAllowedToAnotherHostOnceStarttlsEncryptedTheLink() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250-AUTH PLAIN", "250 STARTTLS").read().reply("220 2.0.0 go")
                .tls(TlsFixtures.server(TlsFixtures.certs().localhost())).read()
                .reply("250-fake.test", "250 AUTH PLAIN").read().reply("235 2.7.0 ok").read().reply("221 bye"))) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), remote().build())) {
                client.ehlo();
                assertThrows(SmtpSecurityException.class, () -> client.login("tim", "pw"));
                client.starttls();
                assertEquals(235, client.login("tim", "pw").code());
            }
            assertEquals("EHLO me.test\r\nSTARTTLS\r\nEHLO me.test\r\nAUTH PLAIN " + TIM_PW + "\r\nQUIT\r\n",
                    server.transcript());
        }
    }
}
