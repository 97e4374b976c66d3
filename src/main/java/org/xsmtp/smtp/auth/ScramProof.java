package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.security.sasl.SaslException;

/**
 * The two SCRAM-SHA-256 values derived from the password for one exchange (RFC 5802 section 3): the
 * proof the client sends and the signature it expects back from the server.
 *
 * @param clientProof {@code ClientKey XOR HMAC(StoredKey, AuthMessage)}
 * @param serverSignature {@code HMAC(ServerKey, AuthMessage)}
 */
record ScramProof(byte[] clientProof, byte[] serverSignature) {

    private static final String HMAC = "HmacSHA256";
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    /**
     * Derives the proof and the expected server signature.
     *
     * @param password the SASLprep-ed password, UTF-8 encoded; not retained
     * @param salt the server's salt
     * @param iterations the server's iteration count
     * @param authMessage {@code client-first-bare "," server-first "," client-final-without-proof}
     * @return both values
     * @throws SaslException if the JDK lacks HMAC-SHA-256 or SHA-256
     */
    static ScramProof compute(byte[] password, byte[] salt, int iterations, byte[] authMessage)
            throws SaslException {
        byte[] saltedPassword = Pbkdf2.hi(HMAC, password, salt, iterations);
        byte[] clientKey = Hmac.compute(HMAC, saltedPassword, CLIENT_KEY);
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = Hmac.compute(HMAC, storedKey, authMessage);
        byte[] serverKey = Hmac.compute(HMAC, saltedPassword, SERVER_KEY);
        try {
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            return new ScramProof(proof, Hmac.compute(HMAC, serverKey, authMessage));
        } finally {
            for (byte[] secret : new byte[][] {saltedPassword, clientKey, storedKey, clientSignature, serverKey}) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private static byte[] sha256(byte[] data) throws SaslException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new SaslException("SHA-256 is not available in this JVM", e);
        }
    }
}
