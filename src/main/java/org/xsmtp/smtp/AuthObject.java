package org.xsmtp.smtp;

/**
 * smtplib's {@code authobject}: answers the challenges of one AUTH exchange.
 * {@link SmtpClient#authPlain(byte[])} and its siblings are AuthObjects ({@code client::authPlain}).
 */
@FunctionalInterface
public interface AuthObject {
    /**
     * @param challenge the decoded 334 challenge, or null when the initial response is asked for
     * @return the response text (sent UTF-8, base64-encoded); null when asked for an initial response means
     *     "none, wait for a challenge"; null for a challenge cancels the exchange
     */
    String respond(byte[] challenge);
}
