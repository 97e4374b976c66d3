package org.xsmtp.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Objects;

/**
 * A {@link HeaderSource} over the headers of a Jakarta Mail {@link MimeMessage}.
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
