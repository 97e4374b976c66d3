package org.xsmtp.faults;

import org.xsmtp.smtp.SmtpConnectException;
import org.xsmtp.smtp.SmtpDataException;
import org.xsmtp.smtp.SmtpHeloException;
import org.xsmtp.smtp.SmtpOutcomeUnknownException;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;
import org.xsmtp.smtp.SmtpResponseException;
import org.xsmtp.smtp.SmtpSenderRefusedException;
import org.xsmtp.smtp.SmtpServerDisconnectedException;
import org.xsmtp.smtp.SmtpTimeoutException;

/**
 * What the client must report for one cell: the exact exception class of the send (null: sendmail returned),
 * the reply code it carries (0: none), and the same for close().
 *
 * @param failure the exception sendmail (or connecting) throws, or null
 * @param code the reply code in it (for refused recipients: every refused one's), or 0
 * @param closeFailure the exception close() throws, or null
 * @param closeCode its reply code, or 0
 */
record Expectation(Class<? extends Throwable> failure, int code, Class<? extends Throwable> closeFailure,
        int closeCode) {

    Verdict verdict() {
        return failure == null ? Verdict.SENT
                : failure == SmtpOutcomeUnknownException.class ? Verdict.UNKNOWN : Verdict.FAILED;
    }

    /**
     * A 421 or a drop anywhere ends the session; a late reply is a timeout; after the end of data both leave
     * the outcome unknown, and at QUIT they do not matter. A 4xx/5xx to EHLO makes the client fall back to HELO.
     */
    static Expectation of(Cell cell) {
        Command c = cell.command();
        if (c == Command.MAIL && cell.fault() == Fault.DELAY && cell.pipelining()) {
            // smtp-sink holds back the reply to MAIL but answers the RCPT commands pipelined behind it at once
            // (out of order, against RFC 2920): the first reply is RCPT's "503 need MAIL command", which the
            // client, matching replies by order as it must, takes for the refusal of MAIL.
            return fails(SmtpSenderRefusedException.class, 503);
        }
        switch (cell.fault()) {
            case DELAY, DATA_DELAY:
                return lost(c, SmtpTimeoutException.class);
            case DROP:
                return lost(c, SmtpServerDisconnectedException.class);
            case ABORT_AFTER_DATA:
                return fails(SmtpDataException.class, 550);
            default:
                break;
        }
        int code = switch (cell.fault()) {
            case CLOSE_421 -> 421;
            case TRANSIENT -> 450;
            default -> 500;
        };
        boolean closing = code == 421;
        return switch (c) {
            case CONNECT -> fails(SmtpConnectException.class, code);
            case EHLO -> closing ? fails(SmtpHeloException.class, code) : sent();
            case MAIL -> fails(SmtpSenderRefusedException.class, code);
            case RCPT -> fails(SmtpRecipientsRefusedException.class, code);
            case DATA, END_OF_DATA -> fails(SmtpDataException.class, code);
            case QUIT -> closing ? sent() : new Expectation(null, 0, SmtpResponseException.class, code);
        };
    }

    private static Expectation lost(Command c, Class<? extends Throwable> before) {
        return switch (c) {
            case END_OF_DATA -> fails(SmtpOutcomeUnknownException.class, 0);
            case QUIT -> sent();
            default -> fails(before, 0);
        };
    }

    private static Expectation fails(Class<? extends Throwable> failure, int code) {
        return new Expectation(failure, code, null, 0);
    }

    private static Expectation sent() {
        return new Expectation(null, 0, null, 0);
    }
}
