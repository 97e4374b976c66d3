package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import javax.security.sasl.SaslException;

/**
 * Google's XOAUTH2 mechanism: {@code user=USER ^A auth=Bearer TOKEN ^A ^A} (with {@code ^A} = 0x01).
 *
 * <p>The token supplier is asked once, when the first response is built, so each attempt (each new
 * instance) gets a fresh token. When the token is refused the server sends a {@code 334} carrying a JSON
 * error; this mechanism answers it with an empty response so that the server can finish with its final
 * error reply. The token is a bearer credential: use it only over TLS.
 */
public final class XOAuth2Mechanism extends StepwiseSaslMechanism {

    /** The mechanism's name as servers advertise it. */
    public static final String NAME = "XOAUTH2";

    private final String user;
    private final Supplier<String> tokens;

    /**
     * Creates an XOAUTH2 exchange.
     *
     * @param user the account name, usually an e-mail address
     * @param tokens supplies the OAuth 2.0 access token; asked once per exchange
     */
    public XOAuth2Mechanism(String user, Supplier<String> tokens) {
        super(NAME, true, 2, true);
        this.user = Objects.requireNonNull(user, "user");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    byte[] respond(int index, byte[] challenge) throws SaslException {
        if (index == 1) {
            return new byte[0];
        }
        BearerTokenFields.requireNoSeparators(user, "username", NAME);
        String token = BearerTokenFields.fetchToken(tokens, NAME);
        return ("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
    }
}
