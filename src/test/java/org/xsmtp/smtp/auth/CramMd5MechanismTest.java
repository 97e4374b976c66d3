package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

class CramMd5MechanismTest {

    private static final byte[] RFC_2195_CHALLENGE = utf8("<1896.697170952@postoffice.reston.mci.net>");

    @Test
    void answersTheRfc2195Example() throws SaslException {
        CramMd5Mechanism cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        assertArrayEquals(utf8("tim b913a602c7eda7a495b4e6e7334d3890"), cram.next(RFC_2195_CHALLENGE));
    }

    @Test
    void hasNoInitialResponseSoStartReturnsNullAndNextStillAnswers() throws SaslException {
        CramMd5Mechanism cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        assertNull(cram.start());
        assertArrayEquals(utf8("tim b913a602c7eda7a495b4e6e7334d3890"), cram.next(RFC_2195_CHALLENGE));
        cram.complete();
    }

    @Test
    void rejectsASecondChallenge() throws SaslException {
        CramMd5Mechanism cram = new CramMd5Mechanism("tim", "tanstaaftanstaaf");
        cram.next(RFC_2195_CHALLENGE);
        assertThrows(SaslException.class, () -> cram.next(RFC_2195_CHALLENGE));
    }

    @Test
    void rejectsAnEmptyChallenge() {
        assertThrows(SaslException.class, () -> new CramMd5Mechanism("tim", "secret").next(EMPTY));
    }

    @Test
    void acceptsAnEmptyPassword() throws SaslException {
        // HMAC-MD5 with an empty key over the RFC 2195 challenge, computed independently.
        assertArrayEquals(utf8("tim a00b54b824afa19ec2de0f73cb2a04c2"),
                new CramMd5Mechanism("tim", "").next(RFC_2195_CHALLENGE));
    }

    @Test
    void describesItself() {
        CramMd5Mechanism cram = new CramMd5Mechanism("tim", "secret");
        assertEquals("CRAM-MD5", cram.name());
        assertFalse(cram.sendsReusableSecret());
    }
}
