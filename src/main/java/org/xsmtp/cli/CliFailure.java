package org.xsmtp.cli;

/** A failure that ends the command with a message and an exit status. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The exit status. */
    private final ExitCode code;

    /**
     * @param code the exit status
     * @param message what to tell the user, without the {@code xsmtp: } prefix
     */
    CliFailure(ExitCode code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code the exit status
     * @param message what to tell the user
     * @param cause the underlying failure
     */
    CliFailure(ExitCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return the exit status */
    ExitCode code() {
        return code;
    }

    /**
     * @param message what was wrong with the command line
     * @return a failure with {@link ExitCode#USAGE}
     */
    static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }
}
