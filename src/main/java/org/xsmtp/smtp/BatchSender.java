package org.xsmtp.smtp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Sends many messages over one connection with pipelining across transactions (RFC 2920 §3.1 lets the end
 * of one message's data open the next command group). With DATA, the next envelope travels with the
 * previous message's final dot, so a message costs one round trip; it opens with RSET, since a server may keep
 * the envelope of a transaction whose end of data it refused. With BDAT, whole transactions travel
 * back to back and up to {@value #WINDOW} messages, and at most {@link CommandChannel#maxUnreadReplies()}
 * unread replies, are in flight before the first verdict is read; each
 * opens with RSET so a predecessor's failure cannot leave server state behind. Failures stay with their
 * message.
 */
final class BatchSender {
    static final int WINDOW = 64;

    private final CommandChannelSupplier channel;
    private final SmtpTimeouts timeouts;
    private final TransactionPlanner planner;
    private boolean resetNext;

    /** Gives the live channel, or throws when the connection is gone. */
    interface CommandChannelSupplier {
        CommandChannel get() throws SmtpServerDisconnectedException;
    }

    private record InFlight(int index, MailTransaction transaction) {
    }

    BatchSender(CommandChannelSupplier channel, SmtpTimeouts timeouts, TransactionPlanner planner) {
        this.channel = channel;
        this.timeouts = timeouts;
        this.planner = planner;
    }

    List<BatchResult> send(List<OutboundMessage> messages) {
        BatchResult[] results = new BatchResult[messages.size()];
        Deque<InFlight> inFlight = new ArrayDeque<>();
        for (int i = 0; i < messages.size(); i++) {
            OutboundMessage m = messages.get(i);
            MessageSource body = MessageSource.of(m.content());
            MailTransaction t = null;
            try {
                CommandChannel ch = channel.get();
                TransactionPlan plan = planner.plan(m.from(), m.to(), body, m.mailOptions(), m.rcptOptions())
                        .inBatch();
                boolean window = plan.contentPipelined() && plan.chunked() && MailTransaction.fitsOneChunk(body);
                boolean overlap = window || (plan.pipelined() && !plan.chunked());
                if (!overlap) {
                    collect(inFlight, 0, results);
                }
                // keep the replies left unread within the bound, so that no transaction reads ahead while an
                // earlier one is still owed replies (it would take them for its own)
                while (!inFlight.isEmpty() && unread(inFlight) + MailTransaction.repliesAtMost(plan)
                        > ch.maxUnreadReplies()) {
                    collect(inFlight, inFlight.size() - 1, results);
                }
                // RSET first while an earlier verdict is unread: a server may keep the envelope of a
                // transaction whose end of data it refused (Postfix does after smtpd_end_of_data_restrictions)
                boolean verdictPending = !inFlight.isEmpty();
                t = new MailTransaction(ch, timeouts, plan)
                        .inBatch(resetNext || verdictPending || (window && i > 0), !verdictPending);
                resetNext = false;
                t.begin();
                if (!window) {
                    collect(inFlight, 0, results);
                }
                t.transfer(body);
                inFlight.add(new InFlight(i, t));
                collect(inFlight, plan.pipelined() ? WINDOW : 0, results);
            } catch (SmtpException | IllegalArgumentException e) {
                collect(inFlight, 0, results);
                results[i] = failed(i, e, t == null ? List.of() : t.results());
                resetNext |= t != null;
            }
        }
        collect(inFlight, 0, results);
        if (Arrays.stream(results).anyMatch(r -> !r.sent())) {
            resetQuietly();
        }
        return List.of(results);
    }

    private static int unread(Deque<InFlight> inFlight) {
        int n = 0;
        for (InFlight f : inFlight) {
            n += f.transaction().unreadReplies();
        }
        return n;
    }

    private void collect(Deque<InFlight> inFlight, int keep, BatchResult[] results) {
        while (inFlight.size() > keep) {
            InFlight f = inFlight.poll();
            try {
                Map<String, Reply> refused = f.transaction().verdict();
                results[f.index()] = new BatchResult(f.index(), refused, f.transaction().results(), null);
            } catch (SmtpException e) {
                results[f.index()] = failed(f.index(), e, f.transaction().results());
                resetNext = true;
            }
        }
    }

    private static BatchResult failed(int index, Exception e, List<RecipientResult> recipients) {
        SmtpException failure = e instanceof SmtpException s ? s
                : new SmtpException("message " + index + " was not sent: " + e.getMessage(), e);
        return new BatchResult(index, Map.of(), new ArrayList<>(recipients), failure);
    }

    private void resetQuietly() {
        try {
            CommandChannel ch = channel.get();
            ch.send("RSET\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
            ch.read(timeouts.command(), false);
        } catch (SmtpException ignored) {
            // the connection is gone or confused; the next command will say so
        }
    }
}
