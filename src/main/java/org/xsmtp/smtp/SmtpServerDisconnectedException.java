package org.xsmtp.smtp;

/**
 * The connection is gone: the server closed it, it failed, or the client was used before {@code connect()}
 * (smtplib's {@code SMTPServerDisconnected}).
 */
public class SmtpServerDisconnectedException extends SmtpException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public SmtpServerDisconnectedException(String message) {
        super(message);
    }

    /**
     * @param message what happened
     * @param cause the underlying failure
     */
    public SmtpServerDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
