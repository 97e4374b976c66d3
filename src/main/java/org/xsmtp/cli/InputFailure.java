package org.xsmtp.cli;

import java.io.IOException;

/** Marks a failure to read the message itself, so it is told apart from network failures (exit 74). */
final class InputFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param cause the read failure */
    InputFailure(IOException cause) {
        super("reading the message failed: " + cause.getMessage(), cause);
    }
}
