package org.xsmtp.faults;

import org.xsmtp.smtp.SmtpOutcomeUnknownException;

/** What the client told its caller about the message. */
enum Verdict {
    /** sendmail returned: the server accepted the message. */
    SENT,
    /** sendmail threw: the message was not accepted (safe to retry). */
    FAILED,
    /** {@link SmtpOutcomeUnknownException}: the data was complete and the verdict lost. */
    UNKNOWN;

    static Verdict of(Throwable sendFailure) {
        if (sendFailure == null) {
            return SENT;
        }
        return sendFailure instanceof SmtpOutcomeUnknownException ? UNKNOWN : FAILED;
    }
}
