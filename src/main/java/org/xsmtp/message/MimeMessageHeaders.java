package org.xsmtp.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Objects;

/**
 * A {@link HeaderSource} over the headers of a Jakarta Mail {@link MimeMessage}.
 *
 * <p>Values are the strings Jakarta Mail holds. For a message parsed from bytes, non-ASCII
 * header bytes are decoded as UTF-8 only when the session sets {@code mail.mime.allowutf8} to
 * {@code true}; otherwise (including a {@code null} session) they arrive as ISO-8859-1
 * characters, and a UTF-8 address such as {@code jörg@exämple.de} reads as
 * {@code jÃ¶rg@exÃ¤mple.de}. No repair is attempted here.
 */
public final class MimeMessageHeaders implements HeaderSource {

    private final MimeMessage message;

    /**
     * Wraps a message; its headers are read on each call, not copied.
     *
     * @param message the message
     * @throws NullPointerException if {@code message} is {@code null}
     */
    public MimeMessageHeaders(MimeMessage message) {
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * Returns the values of a header field as {@link MimeMessage#getHeader(String)} gives them.
     *
     * @param name the field name, matched case-insensitively
     * @return the values in message order, empty when absent
     * @throws IllegalStateException if the message cannot provide its headers; the
     *     {@link MessagingException} is the cause
     */
    @Override
    public List<String> values(String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? List.of() : List.of(values);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read header '" + name + "' of the message: " + e.getMessage(), e);
        }
    }
}
