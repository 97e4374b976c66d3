package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.peers.AiosmtpdPeer;
import org.xsmtp.peers.StoredMessage;

/**
 * Against a real aiosmtpd that offers AUTH only after STARTTLS (auth-require-tls): STARTTLS with certificate
 * and host name checks, then AUTH PLAIN or LOGIN with the right password (accepted, and the message is
 * stored as sent by the authenticated user over TLS) and with a wrong one (535).
 */
@Timeout(60)
class AiosmtpdStartTlsLoginTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final String MESSAGE = "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: over tls\r\n"
            + "\r\nhello\r\n.dot\r\n";

    private static AiosmtpdPeer peer() {
        return AiosmtpdPeer.builder().starttls(TlsFixtures.certs().localhost()).auth(USER, PASSWORD)
                .authRequireTls(true).start();
    }

    private static SmtpClient connect(AiosmtpdPeer peer, String mechanism) throws Exception {
        return new SmtpClient("127.0.0.1", peer.port(),
                TlsFixtures.trustingCa().authMechanisms(List.of(mechanism)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void theRightPasswordIsAcceptedAfterStarttlsAndTheMessageIsStored(String mechanism) throws Exception {
        try (AiosmtpdPeer peer = peer()) {
            try (SmtpClient client = connect(peer, mechanism)) {
                client.ehlo();
                assertTrue(client.hasExtn("starttls"));
                assertFalse(client.hasExtn("auth"), "auth-require-tls: no AUTH before STARTTLS");
                assertEquals(220, client.starttls().code());
                client.ehlo();
                assertTrue(client.hasExtn("auth"), client.ehloResp());
                assertFalse(client.hasExtn("starttls"), client.ehloResp());
                assertEquals(new Reply(235, "2.7.0 Authentication successful"), client.login(USER, PASSWORD));
                Map<String, Reply> refused = client.sendmail("alice@example.org",
                        List.of("bob@example.net", "carol@example.net"), MESSAGE);
                assertEquals(Map.of(), refused);
            }
            StoredMessage stored = peer.awaitMessages(1).get(0);
            assertTrue(stored.tls());
            assertEquals(USER, stored.authLogin());
            assertEquals("me.test", stored.helo());
            assertEquals("alice@example.org", stored.mailFrom());
            assertEquals(List.of("SIZE=" + MESSAGE.length()), stored.mailOptions());
            assertEquals(List.of("bob@example.net", "carol@example.net"), stored.rcptTos());
            assertArrayEquals(MESSAGE.getBytes(StandardCharsets.US_ASCII), stored.content());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void aWrongPasswordIsRefusedWith535(String mechanism) throws Exception {
        try (AiosmtpdPeer peer = peer()) {
            try (SmtpClient client = connect(peer, mechanism)) {
                client.starttls();
                SmtpAuthenticationException e = assertThrows(SmtpAuthenticationException.class,
                        () -> client.login(USER, "wrong"));
                assertEquals(535, e.code());
                assertEquals("5.7.8 Authentication credentials invalid", e.error());
                assertEquals("AUTH " + mechanism, e.command());
                assertEquals(250, client.noop().code(), "a refused login leaves the session usable");
            }
            assertEquals(List.of(), peer.messages());
        }
    }

    @Test
    void loginBeforeStarttlsFindsNoAuthExtension() throws Exception {
        try (AiosmtpdPeer peer = peer()) {
            try (SmtpClient client = connect(peer, "PLAIN")) {
                SmtpNotSupportedException e = assertThrows(SmtpNotSupportedException.class,
                        () -> client.login(USER, PASSWORD));
                assertEquals("SMTP AUTH extension not supported by server.", e.getMessage());
                assertTrue(client.hasExtn("starttls"), "login sent EHLO first");
            }
        }
    }
}
