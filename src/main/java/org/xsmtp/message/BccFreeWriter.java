package org.xsmtp.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a Jakarta Mail message for transmission without its {@code Bcc} and
 * {@code Resent-Bcc} fields, leaving the message object's headers in place.
 */
public final class BccFreeWriter {

    private static final String[] HIDDEN_FIELDS = {"Bcc", "Resent-Bcc"};

    private BccFreeWriter() {
    }

    /**
     * Writes the message in RFC 5322 form, omitting every {@code Bcc} and {@code Resent-Bcc}
     * field, by {@link MimeMessage#writeTo(OutputStream, String[])}. The fields are skipped while
     * writing; they stay on {@code message}.
     *
     * <p>Side effect: as with any {@code writeTo}, Jakarta Mail first calls
     * {@link MimeMessage#saveChanges()} on a message that was built in memory and never saved,
     * which sets headers such as {@code Message-ID}, {@code MIME-Version} and
     * {@code Content-Type} on it. A message read from a stream is written unchanged.
     *
     * @param message the message
     * @param out where to write; neither flushed nor closed
     * @throws IOException if writing fails
     * @throws MessagingException if the message cannot be rendered
     */
    public static void write(MimeMessage message, OutputStream out) throws IOException, MessagingException {
        message.writeTo(out, HIDDEN_FIELDS.clone());
    }
}
