package org.xsmtp.smtp.auth;

import javax.security.sasl.SaslException;

/**
 * A mechanism with mutual authentication found that the server did not prove its identity: its signature
 * does not verify, or it claimed success without one. Unlike other {@link SaslException}s, which the engine
 * answers by cancelling the exchange and keeping the connection, this one makes the engine drop the
 * connection: the peer is not the server the credentials belong to, so nothing more is sent to it.
 */
public class ServerNotAuthenticatedException extends SaslException {
    private static final long serialVersionUID = 1L;

    /** @param detail what failed to verify */
    public ServerNotAuthenticatedException(String detail) {
        super(detail);
    }
}
