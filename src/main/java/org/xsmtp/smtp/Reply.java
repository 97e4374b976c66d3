package org.xsmtp.smtp;

import java.util.Objects;
import org.xsmtp.wire.LosslessText;

/**
 * A server reply, smtplib's {@code (code, msg)} tuple.
 *
 * @param code the reply code, or -1 when the server's last line did not start with three digits
 * @param message the text of all lines joined with {@code \n}; bytes that are not UTF-8 are kept as
 *     U+DC80..U+DCFF (see {@link #messageBytes()})
 */
public record Reply(int code, String message) {

    /**
     * Rejects a null message.
     *
     * @param code the reply code
     * @param message the reply text
     */
    public Reply {
        Objects.requireNonNull(message, "message");
    }

    /** @return the exact bytes of the text as the server sent them (lines joined with LF) */
    public byte[] messageBytes() {
        return LosslessText.encode(message);
    }

    /** @return whether the code is 2xx */
    public boolean isPositive() {
        return code >= 200 && code < 300;
    }

    /** @return whether the code is 4xx: a transient failure worth retrying later */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** @return whether the code is 5xx: a permanent failure */
    public boolean isPermanent() {
        return code >= 500 && code < 600;
    }

    /**
     * @return the RFC 3463 enhanced status code at the start of the text (e.g. {@code 5.1.1}) when its class
     *     matches the reply code's first digit, else null
     */
    public String enhancedStatus() {
        return EnhancedStatus.of(code, message);
    }

    /** @return {@code code message}, as a server would have written the first line */
    @Override
    public String toString() {
        return code + " " + message;
    }
}
