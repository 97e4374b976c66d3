package org.xsmtp.smtp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.xsmtp.smtp.auth.Bytes.EMPTY;
import static org.xsmtp.smtp.auth.Bytes.hex;
import static org.xsmtp.smtp.auth.Bytes.utf8;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class Pbkdf2Test {

    /** The JDK's own PBKDF2, as an independent reference. */
    private static byte[] reference(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    @Test
    void matchesTheJdkImplementation() throws Exception {
        byte[] salt = utf8("NaCl-salt");
        for (int iterations : new int[] {1, 2, 3, 4096}) {
            assertArrayEquals(reference("pencil", salt, iterations),
                    Pbkdf2.hi("HmacSHA256", utf8("pencil"), salt, iterations), "iterations=" + iterations);
        }
    }

    @Test
    void rejectsNonPositiveIterationCounts() {
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hi("HmacSHA256", utf8("p"), utf8("s"), 0));
    }

    @Test
    void hmacAcceptsAnEmptyKey() throws Exception {
        assertArrayEquals(hex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"),
                Hmac.compute("HmacSHA256", EMPTY, EMPTY));
        assertArrayEquals(hex("74e6f7298a9c2d168935f58c001bad88"), Hmac.compute("HmacMD5", EMPTY, EMPTY));
    }
}
