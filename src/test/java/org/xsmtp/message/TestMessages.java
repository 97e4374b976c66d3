package org.xsmtp.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Builds test messages from header lines. */
final class TestMessages {

    private TestMessages() {
    }

    /** Joins lines with CRLF, adding a CRLF after the last one. */
    static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A message parsed by Jakarta Mail without a session. */
    static MimeMessage mime(String raw) {
        try {
            return new MimeMessage((Session) null, new ByteArrayInputStream(utf8(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message parsed by Jakarta Mail with UTF-8 headers enabled (RFC 6532). */
    static MimeMessage mimeUtf8(String raw) {
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true");
        try {
            return new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(utf8(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Headers of a raw message read with {@link RawHeaderBlock}. */
    static RawHeaderBlock raw(String raw) {
        try {
            return RawHeaderBlock.read(new ByteArrayInputStream(utf8(raw)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
