package org.xsmtp.smtp;

/** The server refused HELO/EHLO/LHLO (smtplib's {@code SMTPHeloError}). */
public class SmtpHeloException extends SmtpResponseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the reply code
     * @param error the reply text
     */
    public SmtpHeloException(int code, String error) {
        super(code, error);
    }

    /**
     * @param code the reply code
     * @param error the reply text
     * @param command the command that was answered, or null
     */
    public SmtpHeloException(int code, String error, String command) {
        super(code, error, command);
    }
}
