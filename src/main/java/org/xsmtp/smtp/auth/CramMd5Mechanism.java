package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.sasl.SaslException;

/**
 * The CRAM-MD5 mechanism (RFC 2195): the server sends a challenge, the client answers with
 * {@code username SP hex(HMAC-MD5(password, challenge))}, hex in lower case.
 *
 * <p>It has no initial response. The password itself is not sent, but the server must store it in a
 * recoverable form and an eavesdropper can attack the answer offline; prefer SCRAM-SHA-256 where offered.
 */
public final class CramMd5Mechanism extends StepwiseSaslMechanism {

    /** The mechanism's IANA name. */
    public static final String NAME = "CRAM-MD5";

    private final String user;
    private final String password;

    /**
     * Creates a CRAM-MD5 exchange.
     *
     * @param user the username
     * @param password the shared secret
     */
    public CramMd5Mechanism(String user, String password) {
        super(NAME, false, 1, false);
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    byte[] respond(int index, byte[] challenge) throws SaslException {
        if (challenge.length == 0) {
            // smtplib would answer HMAC(password, ""). RFC 2195 requires a unique msg-id style challenge; an
            // empty one carries no server nonce, so the answer would be replayable and open to offline
            // guessing. Refuse: the engine cancels the exchange with "*".
            throw new SaslException(NAME + ": the server sent an empty challenge");
        }
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = Hmac.compute("HmacMD5", key, challenge);
            return (user + " " + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
