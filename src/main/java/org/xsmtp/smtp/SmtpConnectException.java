package org.xsmtp.smtp;

/** The greeting was not 220 (smtplib's {@code SMTPConnectError}). */
public class SmtpConnectException extends SmtpResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the reply code
     * @param error the reply text
     */
    public SmtpConnectException(int code, String error) {
        super(code, error);
    }

    /**
     * @param code the reply code
     * @param error the reply text
     * @param command the command that was answered, or null
     */
    public SmtpConnectException(int code, String error, String command) {
        super(code, error, command);
    }
}
