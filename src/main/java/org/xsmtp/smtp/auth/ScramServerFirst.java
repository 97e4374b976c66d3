package org.xsmtp.smtp.auth;

import java.util.Base64;
import javax.security.sasl.SaslException;

/**
 * The checked content of a SCRAM server-first message (RFC 5802 section 5.1):
 * {@code r=NONCE,s=SALT,i=ITERATIONS[,extensions]}.
 *
 * @param text the message as received, which becomes part of the AuthMessage
 * @param nonce the combined nonce, which extends the client's
 * @param salt the decoded salt
 * @param iterations the PBKDF2 iteration count, within the accepted bounds
 */
record ScramServerFirst(String text, String nonce, byte[] salt, int iterations) {

    /** RFC 7677 section 4: fewer iterations make a stolen exchange too cheap to attack offline. */
    static final int MIN_ITERATIONS = 4096;

    /**
     * Refuse more than this, so a hostile server cannot make the client burn CPU: a million PBKDF2-SHA-256
     * rounds take about a second, and real servers use 4,096 to a few hundred thousand (OWASP: 600,000).
     */
    static final int MAX_ITERATIONS = 1_000_000;

    private static final String MESSAGE = "server-first message";

    /**
     * Parses and checks a server-first message.
     *
     * @param message the raw message
     * @param clientNonce the nonce this client sent, which the server's must extend
     * @return the checked content
     * @throws SaslException if the message is malformed, demands an extension, or carries a bad nonce,
     *     salt or iteration count
     */
    static ScramServerFirst parse(byte[] message, String clientNonce) throws SaslException {
        ScramAttributes attributes = ScramAttributes.parse(message, MESSAGE);
        if (attributes.has(0, 'm')) {
            throw ScramAttributes.failure("the server demands an unsupported mandatory extension (m=)");
        }
        String nonce = attributes.require(0, 'r', "nonce");
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw ScramAttributes.failure("the server's nonce does not extend the client's nonce");
        }
        if (!ScramSha256Mechanism.isPrintable(nonce)) {
            throw ScramAttributes.failure("the server's nonce contains characters outside printable ASCII");
        }
        byte[] salt = decodeSalt(attributes.require(1, 's', "salt"));
        int iterations = parseIterations(attributes.require(2, 'i', "iteration count"));
        return new ScramServerFirst(attributes.text(), nonce, salt, iterations);
    }

    private static byte[] decodeSalt(String encoded) throws SaslException {
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw ScramAttributes.failure("the salt (s=) is not valid base64");
        }
        if (salt.length == 0) {
            throw ScramAttributes.failure("the salt (s=) is empty");
        }
        return salt;
    }

    private static int parseIterations(String digits) throws SaslException {
        // posit-number in RFC 5802: no sign, no leading zero.
        if (!digits.matches("[1-9][0-9]*")) {
            throw ScramAttributes.failure("the iteration count (i=) is not a positive number");
        }
        if (digits.length() > 10 || Long.parseLong(digits) > MAX_ITERATIONS) {
            String shown = digits.length() > 12 ? digits.substring(0, 12) + "..." : digits;
            throw ScramAttributes.failure("the server asked for " + shown + " iterations; more than "
                    + MAX_ITERATIONS + " are refused to bound the work a server can impose");
        }
        int iterations = Integer.parseInt(digits);
        if (iterations < MIN_ITERATIONS) {
            throw ScramAttributes.failure("the server asked for " + iterations + " iterations; fewer than "
                    + MIN_ITERATIONS + " are refused as too weak (RFC 7677)");
        }
        return iterations;
    }
}
