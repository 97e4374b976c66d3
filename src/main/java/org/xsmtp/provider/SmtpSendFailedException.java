package org.xsmtp.provider;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import java.util.List;
import org.xsmtp.smtp.RecipientResult;

/**
 * A {@link SendFailedException} from an xsmtp transport, with the server reply that decided it: the reply code,
 * its RFC 3463 enhanced status, the command it answered and every recipient's own replies. The three address
 * lists follow Angus Mail's rules and are never null (empty instead). With {@code reportsuccess=true} it is
 * also thrown when every recipient got the message, so {@link #getValidSentAddresses()} can be read.
 */
public class SmtpSendFailedException extends SendFailedException {
    private static final long serialVersionUID = 1L;

    /** The deciding reply code, -1 when none. */
    private final int returnCode;
    /** Its enhanced status code, or null. */
    private final String enhancedStatus;
    /** The command it answered, or null. */
    private final String command;
    private final transient List<RecipientResult> recipientResults;

    /**
     * @param message what happened
     * @param cause the engine's exception, or null
     * @param validSent recipients that got the message
     * @param validUnsent valid recipients that did not get it
     * @param invalid recipients the server refused as invalid
     * @param returnCode the deciding reply code, or -1 when no reply decided it
     * @param enhancedStatus its enhanced status code ({@code 5.1.1}), or null
     * @param command the command it answered, or null
     * @param recipientResults one entry per RCPT sent, in order (empty when none was sent)
     */
    public SmtpSendFailedException(String message, Exception cause, Address[] validSent, Address[] validUnsent,
            Address[] invalid, int returnCode, String enhancedStatus, String command,
            List<RecipientResult> recipientResults) {
        super(message, cause, validSent, validUnsent, invalid);
        this.returnCode = returnCode;
        this.enhancedStatus = enhancedStatus;
        this.command = command;
        this.recipientResults = List.copyOf(recipientResults);
    }

    /** @return the reply code that decided the outcome (Angus's name), or -1 when no reply did */
    public int getReturnCode() {
        return returnCode;
    }

    /** @return the enhanced status code of that reply, such as {@code 5.1.1}, or null */
    public String getEnhancedStatus() {
        return enhancedStatus;
    }

    /** @return the command that reply answered, such as {@code RCPT TO:<x@example.org>}, or null */
    public String getCommand() {
        return command;
    }

    /**
     * @return one entry per RCPT sent, in order, with the server's reply to it and, after the data, its final
     *     reply; empty when the transaction stopped before any RCPT (or after deserialization)
     */
    public List<RecipientResult> getRecipientResults() {
        return recipientResults == null ? List.of() : recipientResults;
    }
}
