package org.xsmtp.smtp;

import java.util.List;

/**
 * The whole message was sent but the connection dropped or timed out before the server's verdict arrived:
 * the server may or may not have taken responsibility for it (RFC 5321 §3.8, RFC 1047). It is neither a
 * success nor a plain failure; a blind retry may deliver the message twice. The connection is closed.
 */
public class SmtpOutcomeUnknownException extends SmtpServerDisconnectedException {
    private static final long serialVersionUID = 1L;

    private final transient List<RecipientResult> recipients;

    /**
     * @param message what happened
     * @param cause the drop or timeout
     * @param recipients every recipient of the transaction with what is known of it
     */
    public SmtpOutcomeUnknownException(String message, Throwable cause, List<RecipientResult> recipients) {
        super(message, cause);
        this.recipients = List.copyOf(recipients);
    }

    static SmtpOutcomeUnknownException afterData(SmtpServerDisconnectedException cause,
            List<RecipientResult> recipients) {
        return new SmtpOutcomeUnknownException("the whole message was sent but " + cause.getMessage()
                + " before the server's verdict: it may or may not have been accepted; do not resend blindly",
                cause, recipients);
    }

    /** @return every recipient of the transaction, in RCPT order, with what is known of it */
    public List<RecipientResult> recipients() {
        return recipients;
    }
}
