package org.xsmtp.smtp;

/**
 * What happened to one recipient of one transaction. A list of these keeps duplicate addresses apart, where
 * the {@code Map} that {@code sendmail} returns (like smtplib's dict) has one entry per address.
 *
 * @param recipient the address as the caller gave it
 * @param rcptReply the reply to its RCPT command, or null when the command was never answered
 * @param finalReply the reply about this recipient after the data (LMTP: its own reply; SMTP: the reply to
 *     the end of data), or null when the transaction did not get that far
 * @param unconfirmed whether the connection was lost before the server reported on this recipient after the
 *     data: it is counted as not delivered, although the server may have delivered it
 */
public record RecipientResult(String recipient, Reply rcptReply, Reply finalReply, boolean unconfirmed) {

    /** @return whether the server accepted the RCPT command (250 or 251) */
    public boolean acceptedAtRcpt() {
        return rcptReply != null && (rcptReply.code() == 250 || rcptReply.code() == 251);
    }

    /** @return whether the server took responsibility for delivering to this recipient */
    public boolean delivered() {
        return !unconfirmed && acceptedAtRcpt() && finalReply != null && finalReply.code() == 250;
    }

    /** @return the reply that decided this recipient's fate: the final reply if any, else the RCPT reply */
    public Reply decisive() {
        return finalReply != null ? finalReply : rcptReply;
    }
}
