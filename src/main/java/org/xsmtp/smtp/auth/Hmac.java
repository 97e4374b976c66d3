package org.xsmtp.smtp.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.sasl.SaslException;

/** HMAC (RFC 2104) through {@link Mac}, accepting the empty keys that {@link SecretKeySpec} refuses. */
final class Hmac {

    private static final byte[] SINGLE_ZERO_BYTE = {0};

    private Hmac() {
    }

    /**
     * Returns a {@link Mac} initialised with {@code key}.
     *
     * @param algorithm a JCA MAC name such as {@code "HmacSHA256"}
     * @param key the key, possibly empty; not retained by this method
     * @return the initialised MAC
     * @throws SaslException if the JDK lacks the algorithm
     */
    static Mac init(String algorithm, byte[] key) throws SaslException {
        // HMAC pads short keys with zero bytes up to the block size, so an empty key and a one-byte zero key
        // give the same result; SecretKeySpec only accepts the latter.
        byte[] usableKey = key.length == 0 ? SINGLE_ZERO_BYTE : key;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(usableKey, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new SaslException(algorithm + " is not available in this JVM", e);
        }
    }

    /**
     * Computes {@code HMAC(key, data)} in one call.
     *
     * @param algorithm a JCA MAC name such as {@code "HmacMD5"}
     * @param key the key, possibly empty
     * @param data the message
     * @return the MAC value
     * @throws SaslException if the JDK lacks the algorithm
     */
    static byte[] compute(String algorithm, byte[] key, byte[] data) throws SaslException {
        return init(algorithm, key).doFinal(data);
    }
}
