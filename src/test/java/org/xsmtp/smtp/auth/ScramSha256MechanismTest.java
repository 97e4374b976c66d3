package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.text;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import javax.security.sasl.SaslException;
import org.junit.jupiter.api.Test;

/** The successful paths, on the RFC 7677 section 3 example. */
class ScramSha256MechanismTest {

    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_NONCE = CLIENT_NONCE + "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final byte[] SERVER_FIRST = utf8("r=" + SERVER_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    static final byte[] CLIENT_FINAL = utf8("c=biws,r=" + SERVER_NONCE
            + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    static final byte[] SERVER_FINAL = utf8("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");

    static ScramSha256Mechanism rfcExample() {
        return new ScramSha256Mechanism("user", "pencil", CLIENT_NONCE);
    }

    @Test
    void runsTheRfc7677ExampleWithAnInitialResponse() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        assertArrayEquals(utf8("n,,n=user,r=" + CLIENT_NONCE), scram.start());
        assertArrayEquals(CLIENT_FINAL, scram.next(SERVER_FIRST));
        assertArrayEquals(EMPTY, scram.next(SERVER_FINAL));
        scram.complete();
    }

    @Test
    void runsTheRfc7677ExampleWithoutAnInitialResponse() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        assertArrayEquals(utf8("n,,n=user,r=" + CLIENT_NONCE), scram.next(EMPTY));
        assertArrayEquals(CLIENT_FINAL, scram.next(SERVER_FIRST));
        assertArrayEquals(EMPTY, scram.next(SERVER_FINAL));
        scram.complete();
    }

    @Test
    void ignoresExtensionsAfterTheIterationCount() throws SaslException {
        ScramSha256Mechanism scram = rfcExample();
        scram.start();
        byte[] withExtension = utf8(text(SERVER_FIRST) + ",x=future");
        // The extension is part of AuthMessage, so the proof differs from the RFC's but is still produced.
        assertTrue(text(scram.next(withExtension)).startsWith("c=biws,r=" + SERVER_NONCE + ",p="));
    }

    @Test
    void preparesThePasswordWithSaslPrep() throws SaslException {
        ScramSha256Mechanism scram = new ScramSha256Mechanism("user", "pen\u00adcil", CLIENT_NONCE);
        scram.start();
        assertArrayEquals(CLIENT_FINAL, scram.next(SERVER_FIRST));
    }

    @Test
    void preparesAndEscapesTheUsername() throws SaslException {
        assertArrayEquals(utf8("n,,n=us er,r=" + CLIENT_NONCE),
                new ScramSha256Mechanism("us\u00a0er", "p", CLIENT_NONCE).start());
        assertArrayEquals(utf8("n,,n=a=2Cb=3Dc,r=" + CLIENT_NONCE),
                new ScramSha256Mechanism("a,b=c", "p", CLIENT_NONCE).start());
        assertArrayEquals(utf8("n,,n=IX,r=" + CLIENT_NONCE),
                new ScramSha256Mechanism("\u2168", "p", CLIENT_NONCE).start());
    }

    @Test
    void sendsNonAsciiUsernamesAsUtf8() throws SaslException {
        assertArrayEquals(utf8("n,,n=j\u00fcrgen,r=" + CLIENT_NONCE),
                new ScramSha256Mechanism("j\u00fcrgen", "p", CLIENT_NONCE).start());
    }

    @Test
    void generatesAFreshPrintableNonceForEachInstance() throws SaslException {
        String first = text(new ScramSha256Mechanism("user", "pencil").start());
        String second = text(new ScramSha256Mechanism("user", "pencil").start());
        assertTrue(first.startsWith("n,,n=user,r="));
        String nonce = first.substring("n,,n=user,r=".length());
        assertTrue(nonce.length() >= 32, nonce);
        assertTrue(ScramSha256Mechanism.isPrintable(nonce), nonce);
        assertNotEquals(first, second);
    }

    @Test
    void describesItself() {
        ScramSha256Mechanism scram = new ScramSha256Mechanism("user", "pencil");
        assertEquals("SCRAM-SHA-256", scram.name());
        assertFalse(scram.sendsReusableSecret());
        assertFalse(scram.toString().contains("pencil"));
    }

    @Test
    void rejectsAnInjectedNonceThatIsNotPrintable() {
        assertThrows(IllegalArgumentException.class, () -> new ScramSha256Mechanism("u", "p", "a,b"));
        assertThrows(IllegalArgumentException.class, () -> new ScramSha256Mechanism("u", "p", ""));
    }
}
