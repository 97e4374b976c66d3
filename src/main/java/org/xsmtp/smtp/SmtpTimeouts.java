package org.xsmtp.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits per phase of a session. Each limit is a total deadline for the reply it guards: a server that
 * trickles one byte at a time cannot stretch it. The defaults are RFC 5321 §4.5.3.2's.
 *
 * @param connect opening the connection (each TCP attempt, or a Unix socket), and each TLS handshake
 *     (implicit TLS and STARTTLS) as a whole
 * @param greeting the 220 greeting (RFC: 5 minutes)
 * @param command the reply to any other command: EHLO, MAIL, RCPT, RSET, AUTH... (RFC: 5 minutes)
 * @param dataInitiation the 354 reply to DATA (RFC: 2 minutes)
 * @param dataBlock each write of message data, and of any command, timed per 64 KiB so that a server reading
 *     slowly but steadily is not cut off: a server that stops reading makes the write fail after this long
 *     (RFC: 3 minutes)
 * @param dataTermination the reply to the end of data or to the last BDAT chunk (RFC: 10 minutes)
 */
public record SmtpTimeouts(Duration connect, Duration greeting, Duration command, Duration dataInitiation,
        Duration dataBlock, Duration dataTermination) {

    /** RFC 5321's recommended minimums, with one minute to connect. */
    public static final SmtpTimeouts RFC_5321 = new SmtpTimeouts(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10));

    /**
     * Rejects null, zero and negative limits.
     *
     * @param connect opening the connection
     * @param greeting the 220 greeting
     * @param command the reply to any other command
     * @param dataInitiation the 354 reply to DATA
     * @param dataBlock each write
     * @param dataTermination the reply to the end of data
     */
    public SmtpTimeouts {
        for (Duration d : new Duration[] {connect, greeting, command, dataInitiation, dataBlock, dataTermination}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + d);
            }
        }
    }

    /**
     * smtplib's single {@code timeout}: the same limit for every phase.
     *
     * @param limit the limit
     * @return timeouts that are all {@code limit}
     */
    public static SmtpTimeouts all(Duration limit) {
        return new SmtpTimeouts(limit, limit, limit, limit, limit, limit);
    }
}
