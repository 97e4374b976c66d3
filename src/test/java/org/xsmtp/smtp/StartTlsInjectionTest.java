package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.testkit.ScriptedServer;

/**
 * CVE-2011-0411: bytes that arrive together with the 220 reply to STARTTLS, before the handshake, could have
 * been injected by a man in the middle to be read later as if the server had sent them over TLS. The client
 * must abort instead of starting the handshake, and send nothing more.
 */
@Timeout(30)
class StartTlsInjectionTest {

    @ParameterizedTest(name = "[{index}] 220 followed by {0}")
    @ValueSource(strings = {"250 injected\r\n", "250-inj", "\u0016\u0003\u0001 (a fake TLS record)"})
    void dataAfterThe220AbortsTheConnection(String injected) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply(TlsFixtures.GREETING).read()
                .reply("250-fake.test", "250 STARTTLS").read()
                .raw("220 go ahead\r\n" + injected) // one write: one segment on loopback
                .readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), TlsFixtures.trustingCa().build());
            SmtpSecurityException e = assertThrows(SmtpSecurityException.class, client::starttls);
            assertTrue(e.getMessage().contains("CVE-2011-0411"), e.getMessage());
            assertTrue(e.getMessage().contains("aborted"), e.getMessage());
            assertFalse(client.isConnected());
            assertEquals("EHLO me.test\r\nSTARTTLS\r\n", server.transcript());
            assertEquals(List.of(), server.tlsSessions());
        }
    }
}
