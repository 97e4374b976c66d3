package org.xsmtp.smtp.auth;

import java.util.function.Supplier;
import javax.security.sasl.SaslException;

/**
 * Checks shared by XOAUTH2 and OAUTHBEARER, whose messages separate fields with {@code 0x01}: a field
 * holding {@code 0x01}, CR or LF could end a field early or inject another one.
 */
final class BearerTokenFields {

    private BearerTokenFields() {
    }

    /**
     * Asks the supplier for a token and checks it.
     *
     * @param tokens the supplier, asked exactly once
     * @param mechanism the mechanism name, for messages
     * @return the token, non-empty and free of separators
     * @throws SaslException if the supplier fails or returns {@code null}, an empty or an unsafe token
     */
    static String fetchToken(Supplier<String> tokens, String mechanism) throws SaslException {
        String token;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            throw new SaslException(mechanism + ": the token supplier failed", e);
        }
        if (token == null || token.isEmpty()) {
            throw new SaslException(mechanism + ": the token supplier returned no token");
        }
        requireNoSeparators(token, "access token", mechanism);
        return token;
    }

    /**
     * Rejects a value containing {@code 0x01}, CR or LF. The value itself is not quoted in the message.
     *
     * @param value the value to check
     * @param what what the value is, for the message
     * @param mechanism the mechanism name, for the message
     * @throws SaslException if the value contains one of those characters
     */
    static void requireNoSeparators(String value, String what, String mechanism) throws SaslException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0001' || c == '\r' || c == '\n') {
                throw new SaslException(mechanism + ": the " + what + " must not contain 0x01, CR or LF");
            }
        }
    }
}
