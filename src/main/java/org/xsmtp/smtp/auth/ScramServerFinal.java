package org.xsmtp.smtp.auth;

import java.util.Base64;
import javax.security.sasl.SaslException;

/** Reads a SCRAM server-final message (RFC 5802 section 5.1): {@code v=SIGNATURE} or {@code e=ERROR}. */
final class ScramServerFinal {

    private static final String MESSAGE = "server-final message";
    private static final int MAX_ERROR_LENGTH = 100;

    private ScramServerFinal() {
    }

    /**
     * Extracts the server signature.
     *
     * @param message the raw message
     * @return the decoded {@code v=} value
     * @throws SaslException carrying the server's error for {@code e=}
     * @throws ServerNotAuthenticatedException if the message is malformed or has no usable signature
     */
    static byte[] signature(byte[] message) throws SaslException {
        ScramAttributes attributes;
        try {
            attributes = ScramAttributes.parse(message, MESSAGE);
        } catch (SaslException e) {
            throw notAuthenticated(e.getMessage());
        }
        if (attributes.has(0, 'e')) {
            throw ScramAttributes.failure("the server reported an error: "
                    + printable(attributes.require(0, 'e', "error")));
        }
        String encoded;
        try {
            encoded = attributes.require(0, 'v', "server signature");
        } catch (SaslException e) {
            throw notAuthenticated(e.getMessage());
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw notAuthenticated(ScramSha256Mechanism.NAME + ": the server signature (v=) is not valid base64");
        }
    }

    private static ServerNotAuthenticatedException notAuthenticated(String detail) {
        return new ServerNotAuthenticatedException(detail);
    }

    /** Server text goes into a message that may be logged: keep it short and free of control characters. */
    private static String printable(String serverText) {
        StringBuilder clean = new StringBuilder();
        serverText.codePoints().limit(MAX_ERROR_LENGTH)
                .forEach(cp -> clean.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return clean.toString();
    }
}
