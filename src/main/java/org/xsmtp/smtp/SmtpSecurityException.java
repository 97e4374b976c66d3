package org.xsmtp.smtp;

/**
 * The client refused to go on because doing so would be unsafe: a reusable secret over an unencrypted
 * connection to another host, or data injected before a TLS handshake. The message names the option, if
 * any, that allows it.
 */
public class SmtpSecurityException extends SmtpException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public SmtpSecurityException(String message) {
        super(message);
    }
}
