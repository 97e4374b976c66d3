package org.xsmtp.smtp;

/**
 * The server answered with an error code (smtplib's {@code SMTPResponseException}: {@code smtp_code},
 * {@code smtp_error}).
 */
public class SmtpResponseException extends SmtpException {
    private static final long serialVersionUID = 1L;

    /** The reply code. */
    private final int code;
    /** The reply text. */
    private final String error;
    /** The command that was answered, or null. */
    private final String command;

    /**
     * @param code the reply code (-1 when the server sent none)
     * @param error the reply text
     */
    public SmtpResponseException(int code, String error) {
        this(code, error, null);
    }

    /**
     * @param code the reply code (-1 when the server sent none)
     * @param error the reply text
     * @param command the command that was answered, credentials masked, or null when unknown
     */
    public SmtpResponseException(int code, String error, String command) {
        super(describe(code, error, command));
        this.code = code;
        this.error = error;
        this.command = command;
    }

    private static String describe(int code, String error, String command) {
        String reply = code + " " + error;
        return command == null ? reply : command + ": " + reply;
    }

    /** @return the reply code */
    public int code() {
        return code;
    }

    /** @return the reply text */
    public String error() {
        return error;
    }

    /** @return the enhanced status code (RFC 3463) at the start of the text, or null if there is none */
    public String enhancedStatus() {
        return EnhancedStatus.of(code, error);
    }

    /** @return the command the server answered (credentials masked), or null when unknown */
    public String command() {
        return command;
    }

    /** @return the reply this exception carries */
    public Reply reply() {
        return new Reply(code, error);
    }

    /** @return whether the code is 4xx: trying again later may work */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** @return whether the code is 5xx: trying again will not help */
    public boolean isPermanent() {
        return code >= 500 && code < 600;
    }
}
