package org.xsmtp.smtp;

import java.util.ArrayList;
import java.util.List;
import org.xsmtp.wire.CommandEncoder;

/**
 * Turns a {@code sendmail} call into a {@link TransactionPlan}, applying smtplib's option rules (SIZE when
 * advertised, options only for ESMTP servers, SMTPUTF8 checks) and encoding every command up front, so a bad
 * address or parameter fails before the first byte is written.
 */
final class TransactionPlanner {
    private final Session session;
    private final SmtpOptions options;
    private final Kind kind;

    TransactionPlanner(Session session, SmtpOptions options, Kind kind) {
        this.session = session;
        this.options = options;
        this.kind = kind;
    }

    TransactionPlan plan(String from, List<String> to, MessageSource body, List<String> mailOptions,
            List<String> rcptOptions) throws SmtpNotSupportedException {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("no recipients: sendmail needs at least one");
        }
        EsmtpParameters.check(mailOptions);
        EsmtpFeatures f = session.features;
        boolean pipelined = options.pipelining() && f.has("pipelining");
        boolean chunked = options.chunking() && f.has("chunking") && kind != Kind.LMTP;
        // BODY=BINARYMIME over BDAT sends the content unchanged: SIZE is then its own byte count
        boolean binary = chunked && session.doesEsmtp
                && mailOptions.stream().anyMatch(o -> o.equalsIgnoreCase("BODY=BINARYMIME"));
        List<String> esmtp = new ArrayList<>();
        if (session.doesEsmtp) {
            if (f.has("size")) {
                long size = binary ? body.rawSize() : body.size();
                if (size >= 0) {
                    esmtp.add("SIZE=" + size);
                }
            }
            esmtp.addAll(mailOptions);
        }
        boolean utf8 = session.wantsUtf8(esmtp);
        byte[] mailLine = CommandEncoder.encode("MAIL", "FROM:" + Addresses.path(from)
                + session.parameters(esmtp, true), utf8, false);
        String rcptParameters = session.parameters(rcptOptions, false);
        List<byte[]> rcptLines = new ArrayList<>(to.size());
        for (String recipient : to) {
            rcptLines.add(CommandEncoder.encode("RCPT", "TO:" + Addresses.path(recipient) + rcptParameters, utf8,
                    false));
        }
        return new TransactionPlan(from, mailLine, List.copyOf(to), rcptLines, pipelined, chunked, binary,
                kind == Kind.LMTP, options.requireAllRecipients(), true);
    }
}
