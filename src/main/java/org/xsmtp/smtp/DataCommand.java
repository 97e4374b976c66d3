package org.xsmtp.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The low-level {@code data()} after the caller's own {@code mail()}/{@code rcpt()}: DATA, the content, and
 * the verdict, one reply for SMTP or one per accepted recipient for LMTP. Like smtplib it neither checks the
 * final reply nor sends RSET; unlike smtplib it reads all LMTP replies and reports a lost verdict as unknown.
 */
final class DataCommand {
    private static final byte[] DATA = "DATA\r\n".getBytes(StandardCharsets.US_ASCII);

    private DataCommand() {
    }

    /**
     * @param recipients the RCPT commands of this transaction with their replies
     * @return the per-recipient results; the reply to return is the first accepted one's final reply
     */
    static List<RecipientResult> send(CommandChannel ch, SmtpTimeouts timeouts, boolean lmtp,
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
            return results;
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
        return results;
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
