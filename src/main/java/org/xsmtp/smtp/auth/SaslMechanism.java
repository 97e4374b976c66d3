package org.xsmtp.smtp.auth;

import javax.security.sasl.SaslException;

/**
 * One SASL client exchange: the client side of a single SMTP {@code AUTH} attempt.
 *
 * <p>The SMTP engine base64-encodes what these methods return and base64-decodes each {@code 334}
 * challenge before handing it over, so a mechanism only sees and produces raw bytes. The engine drives an
 * instance in one of two ways, and every mechanism supports both:
 * <ul>
 *   <li>{@link #start()} for the initial response, then {@link #next(byte[])} for each further {@code 334};</li>
 *   <li>only {@link #next(byte[])}, once for every {@code 334}, the first one included (when initial
 *       responses are disabled, or when {@code start()} returned {@code null}).</li>
 * </ul>
 * When the server accepts the login ({@code 235}) the engine calls {@link #complete()}.
 *
 * <p>Instances hold per-attempt state: create a new one for every attempt. They are not thread-safe.
 */
public interface SaslMechanism {

    /**
     * Returns the mechanism's registered name as sent in {@code AUTH}.
     *
     * @return the upper-case IANA name, for example {@code "PLAIN"} or {@code "SCRAM-SHA-256"}
     */
    String name();

    /**
     * Tells whether a passive eavesdropper could replay what this mechanism sends to log in again.
     * The engine uses it to refuse such mechanisms on unencrypted connections.
     *
     * @return {@code true} for PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER; {@code false} for CRAM-MD5 and
     *     SCRAM-SHA-256
     */
    boolean sendsReusableSecret();

    /**
     * Produces the initial response, sent with the {@code AUTH} command itself. May be called only once,
     * and only before {@link #next(byte[])}.
     *
     * @return the raw initial response (possibly empty), or {@code null} when the mechanism has none and
     *     the engine must send {@code AUTH NAME} alone and wait for a {@code 334}
     * @throws SaslException if the response cannot be built, for example because a credential is
     *     unusable with this mechanism (the engine then sends nothing and keeps the connection)
     * @throws IllegalStateException if called twice or after {@link #next(byte[])}
     */
    byte[] start() throws SaslException;

    /**
     * Answers one {@code 334} challenge.
     *
     * @param challenge the base64-decoded challenge; may be empty, never {@code null}
     * @return the raw response (possibly empty), never {@code null}
     * @throws ServerNotAuthenticatedException if the server failed mutual authentication (the engine then
     *     drops the connection)
     * @throws SaslException if the challenge is malformed, reports an error, or comes after the mechanism has
     *     nothing left to send (the engine then cancels the exchange with {@code *} and keeps the connection)
     */
    byte[] next(byte[] challenge) throws SaslException;

    /**
     * Called when the server accepted the login ({@code 235}). Mechanisms with mutual authentication use
     * it to insist that the server proved its identity.
     *
     * @throws SaslException if the server was not authenticated although the mechanism requires it
     *     (preferably {@link ServerNotAuthenticatedException}; the engine drops the connection for any
     *     exception here, the server having just reported success)
     */
    void complete() throws SaslException;
}
