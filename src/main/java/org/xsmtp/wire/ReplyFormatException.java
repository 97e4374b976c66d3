package org.xsmtp.wire;

import java.io.IOException;

/**
 * A reply that breaks the decoder's bounds or the reply syntax. After it the byte stream cannot be
 * resynchronised, so the connection must be dropped.
 */
public final class ReplyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the reply. */
    public enum Kind {
        /** One line was longer than the line limit (smtplib: "Line too long."). */
        LINE_TOO_LONG,
        /** The reply had more lines or more bytes than the reply limit. */
        REPLY_TOO_LONG,
        /** The lines of one multi-line reply carried different reply codes. */
        MISMATCHED_CODES
    }

    private final Kind kind;

    /**
     * @param kind what was wrong
     * @param message the detail, naming the limit that was hit
     */
    public ReplyFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return what was wrong */
    public Kind kind() {
        return kind;
    }
}
