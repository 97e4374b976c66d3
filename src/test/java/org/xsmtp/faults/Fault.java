package org.xsmtp.faults;

import java.util.List;

/**
 * smtp-sink's fault flags (see {@code SmtpSinkPeer}): what the server does when it receives the command.
 * {@code -r} and {@code -f} make smtp-sink stop advertising PIPELINING, so those cells run unpipelined only.
 */
enum Fault {
    /** {@code -Q}: a 421 reply, then the connection is closed. */
    CLOSE_421("-Q"),
    /** {@code -q}: the connection is closed without a reply. */
    DROP("-q"),
    /** {@code -r}: {@code 450 4.3.0}. */
    TRANSIENT("-r"),
    /** {@code -f}: {@code 500 5.3.0}. */
    PERMANENT("-f"),
    /** {@code -W CMD:2}: the reply comes 2 s late, after the client's 1 s limit. */
    DELAY("-W"),
    /** {@code -w 2}: the reply to DATA comes 2 s late. */
    DATA_DELAY("-w"),
    /** {@code -A 0}: DATA is answered with 354 and at once 550, then the connection is closed. */
    ABORT_AFTER_DATA("-A");

    /** How late a delayed reply is, in seconds: past the client's limit. */
    static final int DELAY_SECONDS = 2;

    final String flag;

    Fault(String flag) {
        this.flag = flag;
    }

    boolean appliesTo(Command c) {
        return (this != DATA_DELAY && this != ABORT_AFTER_DATA) || c == Command.DATA;
    }

    boolean allowsPipelining() {
        return this != TRANSIENT && this != PERMANENT;
    }

    List<String> sinkFlags(Command c) {
        return switch (this) {
            case DELAY -> List.of(flag, c.sinkName + ":" + DELAY_SECONDS);
            case DATA_DELAY -> List.of(flag, String.valueOf(DELAY_SECONDS));
            case ABORT_AFTER_DATA -> List.of(flag, "0");
            default -> List.of(flag, c.sinkName);
        };
    }
}
