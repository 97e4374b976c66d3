package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.sasl.SaslException;

/**
 * The PLAIN mechanism (RFC 4616): one message {@code authzid NUL authcid NUL password}, UTF-8 encoded.
 *
 * <p>It is the initial response when the engine uses one, otherwise the answer to the first
 * {@code 334}. Any further challenge is an error. The password travels in the clear (inside base64),
 * so use it only over TLS.
 */
public final class PlainMechanism extends StepwiseSaslMechanism {

    /** The mechanism's IANA name. */
    public static final String NAME = "PLAIN";

    private final String authorizationId;
    private final String user;
    private final String password;

    /**
     * Creates a PLAIN exchange that does not ask to act as another identity (empty authzid).
     *
     * @param user the authentication identity
     * @param password the password
     */
    public PlainMechanism(String user, String password) {
        this("", user, password);
    }

    /**
     * Creates a PLAIN exchange that asks to act as {@code authorizationId}.
     *
     * @param authorizationId the identity to act as; empty to act as {@code user}
     * @param user the authentication identity
     * @param password the password
     */
    public PlainMechanism(String authorizationId, String user, String password) {
        super(NAME, true, 1, true);
        this.authorizationId = Objects.requireNonNull(authorizationId, "authorizationId");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    byte[] respond(int index, byte[] challenge) throws SaslException {
        requireNoNul(authorizationId, "authorization identity");
        requireNoNul(user, "username");
        requireNoNul(password, "password");
        byte[] authzid = authorizationId.getBytes(StandardCharsets.UTF_8);
        byte[] authcid = user.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] message = new byte[authzid.length + 1 + authcid.length + 1 + secret.length];
            System.arraycopy(authzid, 0, message, 0, authzid.length);
            System.arraycopy(authcid, 0, message, authzid.length + 1, authcid.length);
            System.arraycopy(secret, 0, message, authzid.length + authcid.length + 2, secret.length);
            return message;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static void requireNoNul(String value, String what) throws SaslException {
        if (value.indexOf('\0') >= 0) {
            throw new SaslException(NAME + ": the " + what + " must not contain a NUL character");
        }
    }
}
