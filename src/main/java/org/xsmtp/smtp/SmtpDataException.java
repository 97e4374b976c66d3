package org.xsmtp.smtp;

/** The server refused the message data (smtplib's {@code SMTPDataError}). */
public class SmtpDataException extends SmtpResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the reply code
     * @param error the reply text
     */
    public SmtpDataException(int code, String error) {
        super(code, error);
    }

    /**
     * @param code the reply code
     * @param error the reply text
     * @param command the command that was answered, or null
     */
    public SmtpDataException(int code, String error, String command) {
        super(code, error, command);
    }
}
