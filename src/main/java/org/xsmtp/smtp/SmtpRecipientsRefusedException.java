package org.xsmtp.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nobody got the message: every recipient was refused (smtplib's {@code SMTPRecipientsRefused}). For LMTP
 * this includes recipients accepted at RCPT and refused after the data. With
 * {@link SmtpOptions#requireAllRecipients()}, also thrown when only some were refused: {@link #recipients()}
 * holds the refused ones, {@link #results()} every RCPT, and no message data was sent.
 */
public class SmtpRecipientsRefusedException extends SmtpException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Reply> recipients;
    private final transient List<RecipientResult> results;

    /** @param recipients each refused address with the server's reply, in order */
    public SmtpRecipientsRefusedException(Map<String, Reply> recipients) {
        this(recipients, List.of());
    }

    /**
     * @param recipients each refused address with the server's reply, in order
     * @param results one entry per RCPT command, duplicates kept apart
     */
    public SmtpRecipientsRefusedException(Map<String, Reply> recipients, List<RecipientResult> results) {
        this("all recipients were refused", recipients, results);
    }

    private SmtpRecipientsRefusedException(String summary, Map<String, Reply> recipients,
            List<RecipientResult> results) {
        super(describe(summary, recipients));
        this.recipients = Collections.unmodifiableMap(new LinkedHashMap<>(recipients));
        this.results = List.copyOf(results);
    }

    /** Some recipients were refused and {@link SmtpOptions#requireAllRecipients()} held the message back. */
    static SmtpRecipientsRefusedException notAll(Map<String, Reply> refused, List<RecipientResult> results) {
        return new SmtpRecipientsRefusedException("some recipients were refused, so the message was sent to "
                + "nobody (requireAllRecipients)", refused, results);
    }

    private static String describe(String summary, Map<String, Reply> recipients) {
        StringBuilder s = new StringBuilder(summary);
        recipients.forEach((address, reply) -> s.append("; ").append(address).append(": ").append(reply));
        return s.toString();
    }

    /** @return each refused address with the server's reply, in RCPT order (smtplib's {@code recipients}) */
    public Map<String, Reply> recipients() {
        return recipients;
    }

    /** @return one entry per RCPT command, in order, duplicates kept apart */
    public List<RecipientResult> results() {
        return results;
    }
}
