package org.xsmtp.smtp;

/** The command or option needs an extension the server does not advertise (smtplib's {@code SMTPNotSupportedError}). */
public class SmtpNotSupportedException extends SmtpException {
    private static final long serialVersionUID = 1L;

    /** @param message which extension is missing */
    public SmtpNotSupportedException(String message) {
        super(message);
    }
}
