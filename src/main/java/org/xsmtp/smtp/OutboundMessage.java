package org.xsmtp.smtp;

import java.util.List;
import java.util.Objects;

/**
 * One message of a {@link SmtpClient#sendBatch(List)}: what {@code sendmail} takes, as a value.
 *
 * @param from envelope sender
 * @param to envelope recipients, at least one
 * @param content the message (line ends are normalised to CRLF on the wire)
 * @param mailOptions ESMTP parameters for MAIL
 * @param rcptOptions ESMTP parameters for every RCPT
 */
public record OutboundMessage(String from, List<String> to, byte[] content, List<String> mailOptions,
        List<String> rcptOptions) {

    /**
     * Copies the lists and rejects nulls.
     *
     * @param from envelope sender
     * @param to envelope recipients
     * @param content the message
     * @param mailOptions ESMTP parameters for MAIL
     * @param rcptOptions ESMTP parameters for every RCPT
     */
    public OutboundMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(content, "content");
        to = List.copyOf(to);
        mailOptions = List.copyOf(mailOptions);
        rcptOptions = List.copyOf(rcptOptions);
    }

    /**
     * @param from envelope sender
     * @param to envelope recipients
     * @param content the message
     * @return a message without ESMTP parameters
     */
    public static OutboundMessage of(String from, List<String> to, byte[] content) {
        return new OutboundMessage(from, to, content, List.of(), List.of());
    }
}
