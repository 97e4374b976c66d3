package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.security.sasl.SaslException;

/**
 * The obsolete but widespread LOGIN mechanism (draft-murchison-sasl-login): the username, then the
 * password, each UTF-8 encoded and each sent as its own response.
 *
 * <p>The username is the initial response when the engine uses one; otherwise it answers the first
 * {@code 334}. The password answers the next one. The challenge texts ({@code "Username:"},
 * {@code "Password:"}) are not standardised, so responses are chosen by position, not by reading them.
 * The password travels in the clear (inside base64), so use it only over TLS.
 */
public final class LoginMechanism extends StepwiseSaslMechanism {

    /** The mechanism's IANA name. */
    public static final String NAME = "LOGIN";

    private final String user;
    private final String password;

    /**
     * Creates a LOGIN exchange.
     *
     * @param user the username
     * @param password the password
     */
    public LoginMechanism(String user, String password) {
        super(NAME, true, 2, true);
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    byte[] respond(int index, byte[] challenge) {
        return (index == 0 ? user : password).getBytes(StandardCharsets.UTF_8);
    }
}
