package org.xsmtp.smtp;

/** The server refused the credentials (smtplib's {@code SMTPAuthenticationError}). */
public class SmtpAuthenticationException extends SmtpResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the reply code
     * @param error the reply text
     */
    public SmtpAuthenticationException(int code, String error) {
        super(code, error);
    }

    /**
     * @param code the reply code
     * @param error the reply text
     * @param command the command that was answered, or null
     */
    public SmtpAuthenticationException(int code, String error, String command) {
        super(code, error, command);
    }
}
