package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import java.util.Base64;
import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class XOAuth2MechanismTest {

    private static final byte[] ERROR_JSON =
            utf8("{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}");

    @Test
    void matchesGooglesPublishedExample() throws SaslException {
        XOAuth2Mechanism xoauth2 = new XOAuth2Mechanism("someuser@example.com",
                () -> "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg");
        byte[] initial = xoauth2.start();
        assertArrayEquals(utf8("user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"
                + "\u0001\u0001"), initial);
        assertEquals("dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJo"
                + "ZG1semRHRXVZMjl0Q2cBAQ==", Base64.getEncoder().encodeToString(initial));
    }

    @Test
    void answersTheErrorChallengeWithAnEmptyResponse() throws SaslException {
        XOAuth2Mechanism xoauth2 = new XOAuth2Mechanism("u@example.com", () -> "tok");
        xoauth2.start();
        assertArrayEquals(EMPTY, xoauth2.next(ERROR_JSON));
        assertThrows(SaslException.class, () -> xoauth2.next(EMPTY));
    }

    @Test
    void withoutInitialResponseSendsTheMessageOnTheFirstChallenge() throws SaslException {
        CountingTokenSupplier tokens = new CountingTokenSupplier();
        XOAuth2Mechanism xoauth2 = new XOAuth2Mechanism("u@example.com", tokens);
        assertArrayEquals(utf8("user=u@example.com\u0001auth=Bearer token-1\u0001\u0001"), xoauth2.next(EMPTY));
        assertArrayEquals(EMPTY, xoauth2.next(ERROR_JSON));
        assertThrows(SaslException.class, () -> xoauth2.next(EMPTY));
        assertEquals(1, tokens.calls);
    }

    @Test
    void asksTheSupplierOncePerAttempt() throws SaslException {
        CountingTokenSupplier tokens = new CountingTokenSupplier();
        XOAuth2Mechanism first = new XOAuth2Mechanism("u", tokens);
        assertEquals(0, tokens.calls);
        first.start();
        first.next(ERROR_JSON);
        assertEquals(1, tokens.calls);
        assertArrayEquals(utf8("user=u\u0001auth=Bearer token-2\u0001\u0001"), new XOAuth2Mechanism("u", tokens).start());
        assertEquals(2, tokens.calls);
    }

    @Test
    void refusesTokensThatWouldBreakTheFraming() {
        for (String token : new String[] {"abc\u0001def", "abc\rdef", "abc\ndef"}) {
            SaslException e = assertThrows(SaslException.class, () -> new XOAuth2Mechanism("u", () -> token).start());
            assertFalse(e.getMessage().contains("abc"));
        }
    }

    @Test
    void refusesUsernamesThatWouldBreakTheFraming() {
        assertThrows(SaslException.class, () -> new XOAuth2Mechanism("u\u0001auth=x", () -> "tok").start());
        assertThrows(SaslException.class, () -> new XOAuth2Mechanism("u\r\n", () -> "tok").start());
    }

    @Test
    void reportsAMissingOrFailingToken() {
        assertThrows(SaslException.class, () -> new XOAuth2Mechanism("u", () -> null).start());
        assertThrows(SaslException.class, () -> new XOAuth2Mechanism("u", () -> "").start());
        IllegalStateException cause = new IllegalStateException("refresh failed");
        SaslException e = assertThrows(SaslException.class, () -> new XOAuth2Mechanism("u", () -> {
            throw cause;
        }).start());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void aFailedStartIsNotRetriedOnTheNextChallenge() {
        CountingTokenSupplier tokens = new CountingTokenSupplier();
        XOAuth2Mechanism xoauth2 = new XOAuth2Mechanism("bad\nuser", tokens);
        assertThrows(SaslException.class, xoauth2::start);
        assertThrows(SaslException.class, () -> xoauth2.next(EMPTY));
        assertEquals(0, tokens.calls);
    }

    @Test
    void describesItself() {
        XOAuth2Mechanism xoauth2 = new XOAuth2Mechanism("u", () -> "tok");
        assertEquals("XOAUTH2", xoauth2.name());
        assertTrue(xoauth2.sendsReusableSecret());
    }
}
