package org.xsmtp.smtp;

/** The server refused the envelope sender (smtplib's {@code SMTPSenderRefused}). */
public class SmtpSenderRefusedException extends SmtpResponseException {
    private static final long serialVersionUID = 1L;

    /** The refused sender address. */
    private final String sender;

    /**
     * @param code the reply code
     * @param error the reply text
     * @param sender the sender address the server refused
     */
    public SmtpSenderRefusedException(int code, String error, String sender) {
        super(code, error, "MAIL FROM:" + SmtpClient.quoteaddr(sender));
        this.sender = sender;
    }

    /** @return the refused sender address */
    public String sender() {
        return sender;
    }
}
