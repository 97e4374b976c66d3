package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.hex;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {

    @Test
    void initialResponseIsTheUsernameThenThePasswordAnswersTheChallenge() throws SaslException {
        LoginMechanism login = new LoginMechanism("tim", "tanstaaf");
        assertArrayEquals(utf8("tim"), login.start());
        assertArrayEquals(utf8("tanstaaf"), login.next(utf8("Password:")));
        assertThrows(SaslException.class, () -> login.next(utf8("Password:")));
    }

    @Test
    void withoutInitialResponseAnswersUsernameThenPassword() throws SaslException {
        LoginMechanism login = new LoginMechanism("tim", "tanstaaf");
        assertArrayEquals(utf8("tim"), login.next(utf8("Username:")));
        assertArrayEquals(utf8("tanstaaf"), login.next(utf8("Password:")));
        assertThrows(SaslException.class, () -> login.next(EMPTY));
    }

    @Test
    void countsChallengesInsteadOfReadingThem() throws SaslException {
        LoginMechanism login = new LoginMechanism("tim", "tanstaaf");
        assertArrayEquals(utf8("tim"), login.next(utf8("Password:")));
        assertArrayEquals(utf8("tanstaaf"), login.next(utf8("User Name\0")));
    }

    @Test
    void encodesNonAsciiCredentialsAsUtf8() throws SaslException {
        LoginMechanism login = new LoginMechanism("\u00e9", "\u20ac");
        assertArrayEquals(hex("C3A9"), login.start());
        assertArrayEquals(hex("E282AC"), login.next(EMPTY));
    }

    @Test
    void describesItself() throws SaslException {
        LoginMechanism login = new LoginMechanism("tim", "tanstaaf");
        assertEquals("LOGIN", login.name());
        assertTrue(login.sendsReusableSecret());
        login.complete();
    }
}
