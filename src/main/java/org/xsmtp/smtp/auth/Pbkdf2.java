package org.xsmtp.smtp.auth;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.security.sasl.SaslException;

/**
 * SCRAM's {@code Hi()} function (RFC 5802 section 2.2): PBKDF2 (RFC 8018) with the output length of one
 * HMAC block, so a single block is computed.
 */
final class Pbkdf2 {

    private Pbkdf2() {
    }

    /**
     * Computes {@code Hi(password, salt, iterations)}.
     *
     * @param macAlgorithm a JCA MAC name such as {@code "HmacSHA256"}
     * @param password the prepared password bytes, possibly empty; not retained
     * @param salt the salt
     * @param iterations the iteration count, at least 1
     * @return the derived key, one MAC block long
     * @throws SaslException if the JDK lacks the algorithm
     */
    static byte[] hi(String macAlgorithm, byte[] password, byte[] salt, int iterations) throws SaslException {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        Mac mac = Hmac.init(macAlgorithm, password);
        mac.update(salt);
        byte[] block = mac.doFinal(new byte[] {0, 0, 0, 1}); // U1 = HMAC(password, salt || INT(1))
        byte[] result = block.clone();
        try {
            for (int i = 1; i < iterations; i++) {
                mac.update(block);
                mac.doFinal(block, 0); // Ui = HMAC(password, Ui-1), written over Ui-1
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= block[j];
                }
            }
            return result;
        } catch (ShortBufferException e) {
            throw new IllegalStateException("MAC output larger than its own block", e);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }
}
