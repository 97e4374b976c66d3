package org.xsmtp.smtp;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one message of a batch: what {@code sendmail} would have returned, or the exception it would
 * have thrown.
 *
 * @param index the message's position in the batch
 * @param refused the refused recipients (empty when every recipient was accepted or the message failed)
 * @param recipients one entry per RCPT sent, in order
 * @param failure the exception {@code sendmail} would have thrown, or null when the message was accepted
 */
public record BatchResult(int index, Map<String, Reply> refused, List<RecipientResult> recipients,
        SmtpException failure) {

    /**
     * Copies the collections.
     *
     * @param index the message's position in the batch
     * @param refused the refused recipients
     * @param recipients one entry per RCPT sent
     * @param failure the exception, or null when the message was accepted
     */
    public BatchResult {
        refused = Map.copyOf(refused);
        recipients = List.copyOf(recipients);
    }

    /** @return whether the server accepted the message for at least one recipient */
    public boolean sent() {
        return failure == null;
    }

    /** @return whether the connection was lost after the whole message was sent, before the server's verdict */
    public boolean outcomeUnknown() {
        return failure instanceof SmtpOutcomeUnknownException;
    }
}
