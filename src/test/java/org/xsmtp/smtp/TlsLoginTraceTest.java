package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.peers.AiosmtpdPeer;

/** The level-2 wire trace of a real STARTTLS and login (aiosmtpd) shows the dialogue but never the secret. */
@Timeout(60)
class TlsLoginTraceTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "Tr4ce-Secret";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void theTraceShowsNoCredentials(String mechanism) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SmtpOptions options = TlsFixtures.trustingCa().authMechanisms(List.of(mechanism)).debugLevel(2)
                .debugOut(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().starttls(TlsFixtures.certs().localhost())
                .auth(USER, PASSWORD).authRequireTls(true).start()) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", peer.port(), options)) {
                client.starttls();
                assertEquals(235, client.login(USER, PASSWORD).code());
            }
        }
        String trace = out.toString(StandardCharsets.UTF_8);
        assertTrue(trace.contains("send: 'STARTTLS\\r\\n'"), trace);
        assertTrue(trace.contains("send: 'AUTH " + mechanism + " ****\\r\\n'"), trace);
        assertTrue(trace.contains("reply: retcode (235); Msg: b'2.7.0 Authentication successful'"), trace);
        assertTrue(trace.lines().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*")),
                "level 2 stamps every line:\n" + trace);
        for (String secret : List.of(PASSWORD, b64(PASSWORD), b64("\0" + USER + "\0" + PASSWORD),
                b64(USER + "\0" + PASSWORD), b64(USER))) {
            assertFalse(trace.contains(secret), "the trace shows " + secret + ":\n" + trace);
        }
    }
}
