package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class SaslPrepTest {

    private static String prepare(String value) throws SaslException {
        return SaslPrep.prepare(value, "password", "TEST");
    }

    private static String failure(String value) {
        return assertThrows(SaslException.class, () -> prepare(value)).getMessage();
    }

    @Test
    void passesTheRfc4013Examples() throws SaslException {
        assertEquals("IX", prepare("I\u00adX"));
        assertEquals("user", prepare("user"));
        assertEquals("USER", prepare("USER"));
        assertEquals("a", prepare("\u00aa"));
        assertEquals("IX", prepare("\u2168"));
        assertTrue(failure("\u0007").contains("control"));
        assertTrue(failure("\u0627\u0031").contains("right-to-left"));
    }

    @Test
    void mapsNonAsciiSpacesToSpace() throws SaslException {
        assertEquals("a b c d", prepare("a\u00a0b\u3000c\u2003d"));
        assertEquals("a b", prepare("a\u200bb"));
    }

    @Test
    void deletesCharactersCommonlyMappedToNothing() throws SaslException {
        assertEquals("pencil", prepare("pen\u00adc\u200di\ufe0fl\u2060"));
    }

    @Test
    void normalisesToNfkc() throws SaslException {
        assertEquals("\u00e9", prepare("e\u0301"));
        assertEquals("fi", prepare("\ufb01"));
    }

    @Test
    void rejectsProhibitedCharactersByKindWithoutQuotingTheValue() {
        assertTrue(failure("secret\u0000").contains("ASCII control character"));
        assertTrue(failure("secret\u007f").contains("ASCII control character"));
        assertTrue(failure("secret\u0085").contains("non-ASCII control character"));
        assertTrue(failure("secret\ue000").contains("private use"));
        assertTrue(failure("secret\udb80\udc00").contains("private use"));
        assertTrue(failure("secret\ufdd0").contains("non-character"));
        assertTrue(failure("secret\ud800").contains("surrogate"));
        assertTrue(failure("secret\ufffd").contains("replacement"));
        assertTrue(failure("secret\u2ff0").contains("ideographic description"));
        assertTrue(failure("secret\u200e").contains("display-changing"));
        assertTrue(failure("secret\udb40\udc01").contains("tagging"));
        String message = failure("secret\u0001");
        assertTrue(message.startsWith("TEST: the password"), message);
        assertFalse(message.contains("secret"), message);
    }

    @Test
    void acceptsRightToLeftTextThatStartsAndEndsRightToLeft() throws SaslException {
        assertEquals("\u0627\u0031\u0628", prepare("\u0627\u0031\u0628"));
        assertTrue(failure("\u0627a\u0628").contains("mixes"));
    }

    @Test
    void keepsOrdinaryAsciiAndTheEmptyString() throws SaslException {
        assertEquals("p@ss w0rd!~", prepare("p@ss w0rd!~"));
        assertEquals("", prepare(""));
    }
}
