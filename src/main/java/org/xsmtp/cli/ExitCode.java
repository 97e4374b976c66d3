package org.xsmtp.cli;

/** The exit statuses of {@code sysexits.h} that the command line uses. */
enum ExitCode {
    /** Success: every recipient accepted the message. */
    OK(0),
    /** The command line was wrong. */
    USAGE(64),
    /** The message cannot be sent as it is (headers, addresses, or a 5xx refusal of its content). */
    DATAERR(65),
    /** The message file, directory or mbox cannot be opened. */
    NOINPUT(66),
    /** The mail host name is unknown. */
    NOHOST(68),
    /** The server refused permanently (5xx) or lacks something required. */
    UNAVAILABLE(69),
    /** A bug in xsmtp. */
    SOFTWARE(70),
    /** Reading the message failed. */
    IOERR(74),
    /** A temporary failure (4xx, lost connection, timeout): try again later. */
    TEMPFAIL(75),
    /** The server broke the protocol. */
    PROTOCOL(76),
    /** Authentication or a TLS certificate check failed. */
    NOPERM(77),
    /** The configuration (password source) is unusable. */
    CONFIG(78);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    /** @return the numeric exit status */
    int status() {
        return status;
    }
}
