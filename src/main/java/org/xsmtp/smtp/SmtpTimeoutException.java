package org.xsmtp.smtp;

/**
 * The server did not answer, or did not read, within the time limit. The client drops the connection, since
 * a late reply would be taken for the answer to the next command.
 */
public class SmtpTimeoutException extends SmtpServerDisconnectedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which wait ran out and its limit
     * @param cause the socket timeout
     */
    public SmtpTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
