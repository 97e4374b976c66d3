package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import java.util.List;
import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class SaslMechanismsTest {

    @Test
    void createsPasswordMechanismsByCaseInsensitiveName() throws SaslException {
        assertInstanceOf(PlainMechanism.class, SaslMechanisms.forPassword("plain", "u", "p"));
        assertInstanceOf(LoginMechanism.class, SaslMechanisms.forPassword("Login", "u", "p"));
        assertInstanceOf(CramMd5Mechanism.class, SaslMechanisms.forPassword("cram-md5", "u", "p"));
        assertInstanceOf(ScramSha256Mechanism.class, SaslMechanisms.forPassword("SCRAM-SHA-256", "u", "p"));
        assertArrayEquals(utf8("\0u\0p"), SaslMechanisms.forPassword("PLAIN", "u", "p").start());
    }

    @Test
    void createsTokenMechanismsByCaseInsensitiveName() {
        assertInstanceOf(XOAuth2Mechanism.class, SaslMechanisms.forToken("xoauth2", "u", () -> "t"));
        assertInstanceOf(OAuthBearerMechanism.class, SaslMechanisms.forToken("OAuthBearer", "u", () -> "t"));
    }

    @Test
    void namesTheKnownMechanismsWhenTheNameIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SaslMechanisms.forPassword("DIGEST-MD5", "u", "p"));
        assertTrue(e.getMessage().contains("DIGEST-MD5"));
        assertTrue(e.getMessage().contains("PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SaslMechanisms.forPassword("XOAUTH2", "u", "p"));
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> SaslMechanisms.forToken("PLAIN", "u", () -> "t"));
        assertTrue(t.getMessage().contains("XOAUTH2, OAUTHBEARER"), t.getMessage());
    }

    @Test
    void listsMechanismsAndPreferenceOrders() {
        assertEquals(List.of("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-256"), SaslMechanisms.passwordMechanisms());
        assertEquals(List.of("XOAUTH2", "OAUTHBEARER"), SaslMechanisms.tokenMechanisms());
        assertEquals(List.of("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN"), SaslMechanisms.STRONGEST_FIRST);
        assertEquals(List.of("CRAM-MD5", "PLAIN", "LOGIN"), SaslMechanisms.SMTPLIB_ORDER);
        assertThrows(UnsupportedOperationException.class, () -> SaslMechanisms.passwordMechanisms().add("X"));
    }

    @Test
    void everyListedNameCreatesAMechanismOfThatName() {
        for (String name : SaslMechanisms.passwordMechanisms()) {
            assertEquals(name, SaslMechanisms.forPassword(name, "u", "p").name());
        }
        for (String name : SaslMechanisms.tokenMechanisms()) {
            assertEquals(name, SaslMechanisms.forToken(name, "u", () -> "t").name());
        }
    }
}
