package org.xsmtp.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The low-level {@code data()} after the caller's own {@code mail()}/{@code rcpt()}: DATA, the content, and
 * the verdict, one reply for SMTP or one per accepted recipient for LMTP. Like smtplib it neither checks the
 * final reply nor sends RSET; unlike smtplib it reads all LMTP replies and reports a lost verdict as unknown.
 * When no recipient was accepted (or none was given), one reply is read for LMTP too: RFC 2033 wants DATA
 * refused with 503 then, and a server that answers 354 all the same has no recipient to report on one by one.
 */
final class DataCommand {
    private static final byte[] DATA = "DATA\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param reply what {@code data()} returns: the reply to the end of data (LMTP: the first accepted
     *     recipient's reply)
     * @param results the per-recipient results
     */
    record Outcome(Reply reply, List<RecipientResult> results) {
    }

    private DataCommand() {
    }

    /**
     * @param recipients the RCPT commands of this transaction with their replies
     * @return the reply to return and the per-recipient results
     */
    static Outcome send(CommandChannel ch, SmtpTimeouts timeouts, boolean lmtp,
            List<RecipientResult> recipients, MessageSource body) throws SmtpException {
        ch.send(DATA, null);
        Reply go = ch.read(timeouts.dataInitiation(), false);
        if (go.code() != 354) {
            throw new SmtpDataException(go.code(), go.message(), "DATA");
        }
        DataBody.write(ch, body);
        List<RecipientResult> accepted = recipients.stream().filter(RecipientResult::acceptedAtRcpt).toList();
        List<RecipientResult> results = new ArrayList<>(recipients.size());
        if (!lmtp || accepted.isEmpty()) {
            Reply verdict;
            try {
                verdict = ch.read(timeouts.dataTermination(), false);
            } catch (SmtpServerDisconnectedException e) {
                throw unknown(e, recipients);
            }
            recipients.forEach(r -> results.add(withFinal(r, r.acceptedAtRcpt() ? verdict : null, false)));
            if (recipients.isEmpty()) {
                results.add(new RecipientResult(null, null, verdict, false));
            }
            return new Outcome(verdict, results);
        }
        LmtpVerdicts.Result verdicts = LmtpVerdicts.read(ch, timeouts.dataTermination(), accepted.size());
        if (verdicts.reported() == 0) {
            throw unknown(verdicts.lost(), recipients);
        }
        int k = 0;
        for (RecipientResult r : recipients) {
            if (r.acceptedAtRcpt()) {
                results.add(withFinal(r, verdicts.replies()[k], verdicts.unconfirmed(k)));
                k++;
            } else {
                results.add(r);
            }
        }
        return new Outcome(verdicts.replies()[0], results);
    }

    private static RecipientResult withFinal(RecipientResult r, Reply verdict, boolean unconfirmed) {
        return new RecipientResult(r.recipient(), r.rcptReply(), verdict, unconfirmed);
    }

    private static SmtpOutcomeUnknownException unknown(SmtpServerDisconnectedException e,
            List<RecipientResult> recipients) {
        List<RecipientResult> unknown = recipients.stream()
                .map(r -> withFinal(r, null, r.acceptedAtRcpt())).toList();
        return SmtpOutcomeUnknownException.afterData(e, unknown);
    }
}
