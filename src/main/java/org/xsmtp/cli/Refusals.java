package org.xsmtp.cli;

import java.io.PrintStream;
import java.util.List;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;

/** Prints each recipient that did not get the message with the server's reply, and picks the exit status. */
final class Refusals {
    private Refusals() {
    }

    /**
     * @param results one entry per RCPT of the transaction
     * @param prefix put before each line (e.g. the message's name in a batch), may be empty
     * @param err where to print
     * @return how many recipients did not get the message
     */
    static int print(List<RecipientResult> results, String prefix, PrintStream err) {
        int refused = 0;
        for (RecipientResult r : results) {
            if (!r.delivered()) {
                Reply reply = r.decisive();
                err.println("xsmtp: " + prefix + "refused " + r.recipient() + ": "
                        + (reply == null ? "no reply" : oneLine(reply)));
                refused++;
            }
        }
        return refused;
    }

    /**
     * @param results one entry per RCPT
     * @return {@link ExitCode#TEMPFAIL} when any refusal was temporary (4xx), else {@link ExitCode#UNAVAILABLE}
     */
    static ExitCode status(List<RecipientResult> results) {
        for (RecipientResult r : results) {
            if (!r.delivered() && (r.decisive() == null || r.decisive().isTransient())) {
                return ExitCode.TEMPFAIL;
            }
        }
        return ExitCode.UNAVAILABLE;
    }

    private static String oneLine(Reply reply) {
        return reply.code() + " " + reply.message().replace("\n", " / ");
    }
}
