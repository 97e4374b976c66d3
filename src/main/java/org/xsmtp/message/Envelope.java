package org.xsmtp.message;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one transaction: the reverse-path for {@code MAIL FROM} and the
 * forward-paths for {@code RCPT TO}, as addr-specs without angle brackets.
 *
 * @param sender the envelope sender; {@code ""} stands for the null reverse-path
 * @param recipients the envelope recipients in order, duplicates kept; an unmodifiable copy
 */
public record Envelope(String sender, List<String> recipients) {

    /**
     * Copies the recipient list so that the envelope is immutable.
     *
     * @param sender the envelope sender
     * @param recipients the envelope recipients
     * @throws NullPointerException if {@code sender}, {@code recipients} or any recipient is
     *     {@code null}
     */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
    }
}
