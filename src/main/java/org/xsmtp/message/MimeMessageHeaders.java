package org.xsmtp.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link HeaderSource} over the headers of a Jakarta Mail {@link MimeMessage}.
 *
 * <p>Values are the strings Jakarta Mail holds, with one repair. For a message parsed from bytes,
 * Jakarta Mail decodes non-ASCII header bytes as UTF-8 only when the session sets
 * {@code mail.mime.allowutf8} to {@code true}; otherwise (including a {@code null} session) they
 * arrive as ISO-8859-1 characters, and a UTF-8 address such as {@code jörg@exämple.de} would read as
 * {@code jÃ¶rg@exÃ¤mple.de} and go into the envelope that way. Raw 8-bit header bytes can only be
 * UTF-8 (RFC 6532), so a value made only of characters up to U+00FF whose ISO-8859-1 bytes are
 * valid UTF-8 with some non-ASCII is read as that UTF-8. A value with other non-ASCII characters
 * (set through the API) is kept as it is. The transmitted message is not affected: Jakarta Mail writes
 * the header bytes back as they came.
 */
public final class MimeMessageHeaders implements HeaderSource {

    private final MimeMessage message;

    static String utf8IfReadAsLatin1(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }

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
            if (values == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(values.length);
            for (String v : values) {
                out.add(utf8IfReadAsLatin1(v));
            }
            return out;
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read header '" + name + "' of the message: " + e.getMessage(), e);
        }
    }
}
