package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import java.util.Base64;
import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class OAuthBearerMechanismTest {

    private static final String RFC_7628_TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
    private static final byte[] ERROR_JSON = utf8("{\"status\":\"invalid_token\",\"scope\":\"example_scope\"}");

    @Test
    void matchesTheRfc7628Section41Example() throws SaslException {
        OAuthBearerMechanism bearer = new OAuthBearerMechanism("user@example.com", "server.example.com", 143,
                () -> RFC_7628_TOKEN);
        byte[] initial = bearer.start();
        assertArrayEquals(utf8("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001"
                + "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001"), initial);
        assertEquals("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZG"
                + "OWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB", Base64.getEncoder().encodeToString(initial));
    }

    @Test
    void leavesOutHostAndPortWhenNotGiven() throws SaslException {
        assertArrayEquals(utf8("n,a=u@example.com,\u0001auth=Bearer tok\u0001\u0001"),
                new OAuthBearerMechanism("u@example.com", () -> "tok").start());
    }

    @Test
    void leavesOutTheAuthzidForAnEmptyUser() throws SaslException {
        assertArrayEquals(utf8("n,,\u0001auth=Bearer tok\u0001\u0001"), new OAuthBearerMechanism("", () -> "tok").start());
    }

    @Test
    void escapesCommaAndEqualsInTheUsername() throws SaslException {
        assertArrayEquals(utf8("n,a=a=2Cb=3Dc,\u0001auth=Bearer tok\u0001\u0001"),
                new OAuthBearerMechanism("a,b=c", () -> "tok").start());
    }

    @Test
    void answersTheErrorChallengeWithASingleControlA() throws SaslException {
        OAuthBearerMechanism bearer = new OAuthBearerMechanism("u", () -> "tok");
        bearer.start();
        assertArrayEquals(new byte[] {0x01}, bearer.next(ERROR_JSON));
        assertThrows(SaslException.class, () -> bearer.next(EMPTY));
    }

    @Test
    void withoutInitialResponseSendsTheMessageOnTheFirstChallenge() throws SaslException {
        CountingTokenSupplier tokens = new CountingTokenSupplier();
        OAuthBearerMechanism bearer = new OAuthBearerMechanism("u", "mail.example.com", 587, tokens);
        assertArrayEquals(utf8("n,a=u,\u0001host=mail.example.com\u0001port=587\u0001auth=Bearer token-1\u0001\u0001"),
                bearer.next(EMPTY));
        assertArrayEquals(new byte[] {0x01}, bearer.next(ERROR_JSON));
        assertThrows(SaslException.class, () -> bearer.next(EMPTY));
        assertEquals(1, tokens.calls);
    }

    @Test
    void asksTheSupplierOncePerAttempt() throws SaslException {
        CountingTokenSupplier tokens = new CountingTokenSupplier();
        new OAuthBearerMechanism("u", tokens).start();
        byte[] second = new OAuthBearerMechanism("u", tokens).start();
        assertEquals(2, tokens.calls);
        assertArrayEquals(utf8("n,a=u,\u0001auth=Bearer token-2\u0001\u0001"), second);
    }

    @Test
    void refusesValuesThatWouldBreakTheFraming() {
        assertThrows(SaslException.class, () -> new OAuthBearerMechanism("u", () -> "t\u0001ok").start());
        assertThrows(SaslException.class, () -> new OAuthBearerMechanism("u", () -> "tok\r\n").start());
        assertThrows(SaslException.class, () -> new OAuthBearerMechanism("u\n", () -> "tok").start());
        assertThrows(SaslException.class, () -> new OAuthBearerMechanism("u", "h\u0001", 25, () -> "tok").start());
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new OAuthBearerMechanism("u", "h", 65536, () -> "t"));
        assertThrows(IllegalArgumentException.class, () -> new OAuthBearerMechanism("u", "h", -1, () -> "t"));
    }

    @Test
    void describesItself() {
        OAuthBearerMechanism bearer = new OAuthBearerMechanism("u", () -> "tok");
        assertEquals("OAUTHBEARER", bearer.name());
        assertTrue(bearer.sendsReusableSecret());
    }
}
