package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.hex;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class PlainMechanismTest {

    @Test
    void initialResponseIsNulSeparatedWithEmptyAuthzid() throws SaslException {
        PlainMechanism plain = new PlainMechanism("tim", "tanstaaf");
        assertArrayEquals(utf8("\0tim\0tanstaaf"), plain.start());
        plain.complete();
    }

    @Test
    void answersTheFirstChallengeWhenStartWasNotUsed() throws SaslException {
        PlainMechanism plain = new PlainMechanism("tim", "tanstaaf");
        assertArrayEquals(utf8("\0tim\0tanstaaf"), plain.next(EMPTY));
        assertThrows(SaslException.class, () -> plain.next(EMPTY));
    }

    @Test
    void rejectsAChallengeAfterTheInitialResponse() throws SaslException {
        PlainMechanism plain = new PlainMechanism("tim", "tanstaaf");
        plain.start();
        assertThrows(SaslException.class, () -> plain.next(EMPTY));
    }

    @Test
    void sendsTheAuthorizationIdentityFirst() throws SaslException {
        assertArrayEquals(utf8("admin\0tim\0tanstaaf"), new PlainMechanism("admin", "tim", "tanstaaf").start());
    }

    @Test
    void encodesNonAsciiCredentialsAsUtf8() throws SaslException {
        byte[] expected = hex("00 6A C3BC 72 67 65 6E 00 70 C3A4 73 73 E282AC");
        assertArrayEquals(expected, new PlainMechanism("j\u00fcrgen", "p\u00e4ss\u20ac").start());
    }

    @Test
    void refusesANulInThePasswordWithoutQuotingIt() {
        SaslException e = assertThrows(SaslException.class, () -> new PlainMechanism("tim", "sec\0ret").start());
        assertTrue(e.getMessage().contains("password"));
        assertFalse(e.getMessage().contains("sec"));
    }

    @Test
    void refusesANulInTheUsername() {
        assertThrows(SaslException.class, () -> new PlainMechanism("t\0im", "secret").next(EMPTY));
    }

    @Test
    void startTwiceIsAProgrammingError() throws SaslException {
        PlainMechanism plain = new PlainMechanism("tim", "secret");
        plain.start();
        assertThrows(IllegalStateException.class, plain::start);
    }

    @Test
    void describesItself() {
        PlainMechanism plain = new PlainMechanism("tim", "hunter2");
        assertEquals("PLAIN", plain.name());
        assertTrue(plain.sendsReusableSecret());
        assertFalse(plain.toString().contains("hunter2"));
    }
}
