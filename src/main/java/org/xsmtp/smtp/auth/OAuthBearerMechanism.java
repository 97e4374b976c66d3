package org.xsmtp.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import javax.security.sasl.SaslException;

/**
 * The OAUTHBEARER mechanism (RFC 7628): a GS2 header naming the user, then {@code 0x01}-separated
 * key/value pairs: optionally {@code host} and {@code port}, and always {@code auth=Bearer TOKEN}.
 *
 * <p>The token supplier is asked once, when the first response is built, so each attempt (each new
 * instance) gets a fresh token. When the token is refused the server sends a {@code 334} carrying a JSON
 * error; as RFC 7628 section 3.2.3 requires, this mechanism answers it with a single {@code 0x01} byte so
 * that the server can finish with its final error reply. The token is a bearer credential: use it only
 * over TLS.
 */
public final class OAuthBearerMechanism extends StepwiseSaslMechanism {

    /** The mechanism's IANA name. */
    public static final String NAME = "OAUTHBEARER";

    private static final byte[] ERROR_ACKNOWLEDGEMENT = {0x01};

    private final String user;
    private final String host;
    private final int port;
    private final Supplier<String> tokens;

    /**
     * Creates an OAUTHBEARER exchange without {@code host} and {@code port} pairs.
     *
     * @param user the authorization identity put in the GS2 header; empty to leave it out
     * @param tokens supplies the OAuth 2.0 access token; asked once per exchange
     */
    public OAuthBearerMechanism(String user, Supplier<String> tokens) {
        this(user, null, 0, tokens);
    }

    /**
     * Creates an OAUTHBEARER exchange that tells the server which host and port the client connected to.
     *
     * @param user the authorization identity put in the GS2 header; empty to leave it out
     * @param host the server host name the client used, or {@code null} to send no {@code host} pair
     * @param port the server port, or 0 to send no {@code port} pair
     * @param tokens supplies the OAuth 2.0 access token; asked once per exchange
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public OAuthBearerMechanism(String user, String host, int port, Supplier<String> tokens) {
        super(NAME, true, 2, true);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.user = Objects.requireNonNull(user, "user");
        this.host = host;
        this.port = port;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    byte[] respond(int index, byte[] challenge) throws SaslException {
        if (index == 1) {
            return ERROR_ACKNOWLEDGEMENT.clone();
        }
        BearerTokenFields.requireNoSeparators(user, "username", NAME);
        StringBuilder message = new StringBuilder("n,");
        if (!user.isEmpty()) {
            message.append("a=").append(SaslNames.escape(user));
        }
        message.append(",\u0001");
        if (host != null) {
            BearerTokenFields.requireNoSeparators(host, "host name", NAME);
            message.append("host=").append(host).append('\u0001');
        }
        if (port != 0) {
            message.append("port=").append(port).append('\u0001');
        }
        String token = BearerTokenFields.fetchToken(tokens, NAME);
        message.append("auth=Bearer ").append(token).append("\u0001\u0001");
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }
}
