package org.xsmtp.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.xsmtp.wire.DataEncoder;

/**
 * Message content as the engine consumes it: written once into an encoder, with its size when that is known
 * without buffering (then SIZE is declared). The size is asked for only when it is needed.
 */
interface MessageSource {
    /** Size in bytes after line-end normalisation, or -1 when unknown. */
    long size();

    /** Size in bytes as given, for content sent unchanged (BINARYMIME), or -1 when unknown. */
    long rawSize();

    /** Writes the raw content; the engine's encoder normalises line ends and stuffs dots. */
    void writeTo(OutputStream out) throws IOException;

    static MessageSource of(byte[] bytes) {
        return new MessageSource() {
            private long size = -1;

            /** Counted on first use: only a server that offers SIZE (or a BDAT batch) needs it. */
            @Override
            public long size() {
                if (size < 0) {
                    size = DataEncoder.normalizedLength(bytes);
                }
                return size;
            }

            @Override
            public long rawSize() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes, 0, bytes.length);
            }
        };
    }

    /**
     * smtplib encodes a {@code str} message as ASCII; so does this.
     *
     * @throws IllegalArgumentException naming the first non-ASCII character
     */
    static MessageSource ofAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("message text has a non-ASCII character at index " + i
                        + " (U+" + String.format("%04X", (int) text.charAt(i)) + "); pass the message as bytes "
                        + "in the charset its headers declare, or use sendMessage with a MimeMessage");
            }
        }
        return of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A MimeMessage, written without its Bcc and Resent-Bcc headers; its size is not known. */
    static MessageSource of(jakarta.mail.internet.MimeMessage msg) {
        return unsized(out -> {
            try {
                org.xsmtp.message.BccFreeWriter.write(msg, out);
            } catch (jakarta.mail.MessagingException e) {
                throw new IOException("cannot write the message: " + e.getMessage(), e);
            }
        });
    }

    /** A stream, copied in 64 KiB pieces (not closed); its size is not known. */
    static MessageSource of(InputStream in) {
        return unsized(out -> {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        });
    }

    /** Writes content whose size is not known before it is written. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static MessageSource unsized(Writer writer) {
        return new MessageSource() {
            @Override
            public long size() {
                return -1;
            }

            @Override
            public long rawSize() {
                return -1;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                writer.writeTo(out);
            }
        };
    }
}
