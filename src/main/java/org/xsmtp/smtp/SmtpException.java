package org.xsmtp.smtp;

import java.io.IOException;

/** Base of every xsmtp engine exception (smtplib's {@code SMTPException}, an {@code OSError}). */
public class SmtpException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where it helps, what to do */
    public SmtpException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SmtpException(String message, Throwable cause) {
        super(message, cause);
    }
}
