package org.xsmtp.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xsmtp.smtp.OwedReplies.Expect;
import org.xsmtp.wire.BdatChunker;
import org.xsmtp.wire.DataEncoder;
import org.xsmtp.wire.Escapes;

/**
 * One mail transaction, from MAIL to the server's verdict, with smtplib's {@code sendmail} decisions taken
 * in one place whether the commands are pipelined (RFC 2920) or not, and whether the content goes with DATA
 * or BDAT (RFC 3030). Pipelined, the whole envelope (and DATA, or the first chunk) is one write and the
 * replies are matched in order; unpipelined, each command waits for its reply. A failure is handled the same
 * way in both: replies still owed are read (and a 354 answered with an empty message), then RSET, unless a
 * 421 closed the connection.
 */
final class MailTransaction {
    static final int CHUNK_SIZE = 256 * 1024;
    private static final int CHUNK_WINDOW = 8;
    private static final byte[] DATA = "DATA\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RSET = "RSET\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_MESSAGE_END = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final CommandChannel ch;
    private final SmtpTimeouts timeouts;
    private final TransactionPlan plan;
    private final OwedReplies owed;
    private final Reply[] rcptReplies;
    private final Reply[] finalReplies;
    private final boolean[] unconfirmed;
    private final Map<String, Reply> refused = new LinkedHashMap<>();
    private boolean envelopeChecked;
    private boolean endSent;
    private boolean resetFirst;
    private boolean resetOnFailure = true;
    private boolean deferEnvelope;
    private boolean expectIdle = true;

    MailTransaction(CommandChannel ch, SmtpTimeouts timeouts, TransactionPlan plan) {
        this.ch = ch;
        this.timeouts = timeouts;
        this.plan = plan;
        this.owed = new OwedReplies(ch, timeouts);
        int n = plan.recipients().size();
        rcptReplies = new Reply[n];
        finalReplies = new Reply[n];
        unconfirmed = new boolean[n];
    }

    /**
     * Makes this transaction one of several sharing the pipe (a batch): it opens with RSET when asked (the
     * RSET a failed predecessor owes), never sends RSET itself on failure (later commands may already be in
     * flight; the batch resets at its end), and with BDAT reads its envelope replies only in
     * {@link #verdict()}, so whole transactions can be in flight at once.
     *
     * @param idle whether no earlier command can still be owed a reply (the first message of the batch), so
     *     that unsolicited replies can be told apart
     */
    MailTransaction inBatch(boolean resetFirst, boolean idle) {
        this.expectIdle = idle;
        this.resetFirst = resetFirst;
        this.resetOnFailure = false;
        this.deferEnvelope = true;
        return this;
    }

    /** @return the refused recipients (smtplib's return value) */
    Map<String, Reply> run(MessageSource body) throws SmtpException {
        begin();
        transfer(body);
        return verdict();
    }

    /** Queues the commands that can go before any reply: everything up to DATA when pipelining. */
    void begin() throws SmtpException {
        if (expectIdle) {
            refuseUnsolicitedReplies();
        }
        if (resetFirst) {
            owed.send(Expect.RSET, RSET);
        }
        owed.send(Expect.MAIL, plan.mailLine());
        if (plan.pipelined()) {
            for (byte[] rcpt : plan.rcptLines()) {
                owed.send(Expect.RCPT, rcpt);
            }
            if (!plan.chunked() && plan.contentPipelined()) {
                owed.send(Expect.DATA, DATA);
            }
        }
    }

    /**
     * Bytes that arrived while no command was owed a reply cannot be matched to the commands about to be sent
     * (RFC 2920 §3.2 matches replies to commands by order), so they end the session before MAIL is written. A
     * 421 (a server closing an idle session) is the sender's refusal, as it would have been had it come as
     * the reply to MAIL; anything else closes the connection.
     */
    private void refuseUnsolicitedReplies() throws SmtpException {
        if (!ch.hasUnreadInput()) {
            return;
        }
        Reply early = ch.read(timeouts.command(), false);
        if (early.code() == 421) {
            throw new SmtpSenderRefusedException(early.code(), early.message(), plan.sender());
        }
        ch.close();
        throw new SmtpServerDisconnectedException("unsolicited reply from " + ch.peer() + " before MAIL ("
                + early.code() + " " + Escapes.escape(early.messageBytes(), 0, early.messageBytes().length) + "): replies could not be matched to "
                + "commands; connection closed, nothing was sent");
    }

    /** Checks the envelope (unless BDAT lets it wait) and sends the content. */
    void transfer(MessageSource body) throws SmtpException {
        if (!plan.contentPipelined() || !plan.chunked()) {
            checkEnvelope();
        }
        if (plan.chunked()) {
            sendChunked(body);
        } else {
            sendData(body);
        }
    }

    /** One entry per RCPT, in order, duplicates kept apart. */
    List<RecipientResult> results() {
        List<RecipientResult> out = new ArrayList<>(rcptReplies.length);
        for (int i = 0; i < rcptReplies.length; i++) {
            out.add(new RecipientResult(plan.recipients().get(i), rcptReplies[i], finalReplies[i], unconfirmed[i]));
        }
        return out;
    }

    private void checkEnvelope() throws SmtpException {
        envelopeChecked = true;
        if (owed.peek() == Expect.RSET) {
            owed.next();
        }
        Reply mail = owed.next();
        if (mail.code() != 250) {
            throw fail(new SmtpSenderRefusedException(mail.code(), mail.message(), plan.sender()));
        }
        int accepted = 0;
        for (int i = 0; i < rcptReplies.length; i++) {
            if (!plan.pipelined()) {
                owed.send(Expect.RCPT, plan.rcptLines().get(i));
            }
            Reply r = owed.next();
            rcptReplies[i] = r;
            if (r.code() == 250 || r.code() == 251) {
                accepted++;
            } else {
                refused.put(plan.recipients().get(i), r);
            }
            if (r.code() == 421) {
                throw new SmtpRecipientsRefusedException(refused, results());
            }
        }
        if (accepted == 0) {
            throw fail(new SmtpRecipientsRefusedException(refused, results()));
        }
        if (plan.allRecipients() && !refused.isEmpty()) {
            throw fail(SmtpRecipientsRefusedException.notAll(refused, results()));
        }
    }

    private void sendData(MessageSource body) throws SmtpException {
        if (!plan.contentPipelined()) {
            owed.send(Expect.DATA, DATA);
        }
        Reply reply = owed.next();
        if (reply.code() != 354) {
            throw fail(new SmtpDataException(reply.code(), reply.message(), "DATA"));
        }
        DataBody.write(ch, body);
        endSent = true;
        owed.add(Expect.END_OF_DATA);
    }

    /**
     * Whether the content goes out as one {@code BDAT n LAST} chunk, which lets a batch keep the transaction's
     * envelope replies unread while later transactions follow: a second chunk would make it read them at
     * once, taking earlier messages' replies for its own. The encoded content is the normalised size plus the
     * CRLF added when the message lacks a final line end (binary content: its raw size, never larger), and
     * the chunker sends a full buffer only when more bytes follow.
     */
    static boolean fitsOneChunk(MessageSource body) {
        long size = body.size();
        return size >= 0 && size <= CHUNK_SIZE - 2;
    }

    private void sendChunked(MessageSource body) throws SmtpException {
        BdatChunker chunker = new BdatChunker(ch.chunkBuffer(CHUNK_SIZE), this::chunk);
        DataEncoder encoder = plan.binary() ? null : DataEncoder.forChunking(chunker);
        try {
            body.writeTo(encoder != null ? encoder : chunker);
            if (encoder != null) {
                encoder.finish();
            }
            chunker.finish();
        } catch (IOException e) {
            ChunkAbort abort = ChunkAbort.find(e);
            if (abort != null) {
                if (endSent && abort.failure instanceof SmtpServerDisconnectedException lost
                        && !(lost instanceof SmtpOutcomeUnknownException)) {
                    throw unknown(lost);
                }
                throw abort.failure;
            }
            if (DataBody.isConnectionLoss(e)) {
                SmtpServerDisconnectedException lost = ch.lost("sending the message", e);
                throw endSent ? unknown(lost) : lost;
            }
            throw fail(sourceFailed(e, "the chunks already sent were discarded with RSET"));
        }
    }

    private void chunk(byte[] command, byte[] data, int off, int len, boolean last) throws IOException {
        try {
            ch.send(command, null);
            ch.trace().data(data, off, Math.min(len, WireTrace.previewCapacity()), len);
            if (last) {
                endSent = true;
            }
            ch.dataSink().write(data, off, len);
            owed.add(last ? Expect.LAST_BDAT : Expect.BDAT);
            if (!envelopeChecked && !(deferEnvelope && last)) {
                checkEnvelope();
            }
            int window = plan.pipelined() ? CHUNK_WINDOW : 0;
            while (owed.size() > window && owed.peek() == Expect.BDAT) {
                checkChunk(owed.next());
            }
        } catch (SmtpException e) {
            throw new ChunkAbort(e);
        }
    }

    private void checkChunk(Reply reply) throws SmtpException {
        if (reply.code() != 250) {
            throw fail(new SmtpDataException(reply.code(), reply.message(), "BDAT"));
        }
    }

    /** Reads the rest of the replies and decides: the refused map, or the exception smtplib would raise. */
    Map<String, Reply> verdict() throws SmtpException {
        try {
            if (!envelopeChecked) {
                checkEnvelope();
            }
            while (owed.size() > 1) {
                checkChunk(owed.next());
            }
            if (plan.lmtp()) {
                return lmtpVerdict();
            }
            String command = owed.peek() == Expect.LAST_BDAT ? "BDAT" : "end of data";
            Reply reply = owed.next();
            for (int i = 0; i < finalReplies.length; i++) {
                finalReplies[i] = accepted(i) ? reply : null;
            }
            if (reply.code() != 250) {
                throw fail(new SmtpDataException(reply.code(), reply.message(), command));
            }
            return refused;
        } catch (SmtpOutcomeUnknownException e) {
            throw e;
        } catch (SmtpServerDisconnectedException e) {
            throw unknown(e);
        }
    }

    private Map<String, Reply> lmtpVerdict() throws SmtpException {
        owed.clear();
        int[] accepted = java.util.stream.IntStream.range(0, rcptReplies.length).filter(this::accepted).toArray();
        LmtpVerdicts.Result verdicts = LmtpVerdicts.read(ch, timeouts.dataTermination(), accepted.length);
        int delivered = 0;
        for (int k = 0; k < accepted.length; k++) {
            int i = accepted[k];
            finalReplies[i] = verdicts.replies()[k];
            unconfirmed[i] = verdicts.unconfirmed(k);
            if (finalReplies[i].code() == 250) {
                delivered++;
            } else {
                refused.put(plan.recipients().get(i), finalReplies[i]);
            }
        }
        if (delivered == 0 && verdicts.lost() != null) {
            // nothing confirmed delivered, and the recipients left without a reply may have the message
            throw unknown(verdicts.lost());
        }
        if (delivered == 0) {
            throw new SmtpRecipientsRefusedException(refused, results());
        }
        return refused;
    }

    private boolean anyAccepted() {
        for (int i = 0; i < rcptReplies.length; i++) {
            if (accepted(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean accepted(int i) {
        Reply r = rcptReplies[i];
        return r != null && (r.code() == 250 || r.code() == 251);
    }

    /**
     * @return the replies this transaction still owes, at most (an upper bound for a batch to keep within
     *     {@link CommandChannel#maxUnreadReplies()} before the transaction starts): RSET, MAIL, every RCPT,
     *     and DATA with the end of data, or the one BDAT LAST chunk
     */
    static int repliesAtMost(TransactionPlan plan) {
        return 2 + plan.recipients().size() + (plan.chunked() ? 1 : 2);
    }

    /** @return the replies this transaction is owed and has not read yet */
    int unreadReplies() {
        return owed.unread();
    }

    /** Reads the replies still owed, ends the transaction with RSET if the connection is still up. */
    private SmtpException fail(SmtpException failure) {
        try {
            while (!owed.isEmpty() && ch.isOpen()) {
                Expect expect = owed.peek();
                Reply r = owed.next();
                if (expect == Expect.DATA && r.code() == 354) {
                    if (anyAccepted()) {
                        // Ending the data would deliver to the accepted recipients: dropping the connection
                        // is the only way left not to deliver (RFC 5321 has no way to cancel DATA).
                        ch.close();
                        failure.addSuppressed(new SmtpServerDisconnectedException("connection to " + ch.peer()
                                + " dropped after 354 to DATA, so that the message reaches no recipient"));
                        break;
                    }
                    ch.send(EMPTY_MESSAGE_END, null);
                    owed.add(Expect.END_OF_DATA);
                }
            }
            owed.clear();
            if (ch.isOpen() && resetOnFailure) {
                ch.send(RSET, null);
                ch.read(timeouts.command(), false);
            }
        } catch (SmtpException e) {
            owed.clear();
            failure.addSuppressed(e);
        }
        return failure;
    }

    private SmtpOutcomeUnknownException unknown(SmtpServerDisconnectedException cause) {
        ch.close();
        for (int i = 0; i < unconfirmed.length; i++) {
            unconfirmed[i] = accepted(i) && (finalReplies[i] == null || unconfirmed[i]);
        }
        return SmtpOutcomeUnknownException.afterData(cause, results());
    }

    private SmtpException sourceFailed(IOException e, String consequence) {
        return new SmtpException("reading the message failed: " + e.getMessage() + "; " + consequence, e);
    }

    /** Carries an SMTP failure out of a chunk callback through the message source's writeTo. */
    private static final class ChunkAbort extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient SmtpException failure;

        ChunkAbort(SmtpException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        static ChunkAbort find(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ChunkAbort abort) {
                    return abort;
                }
            }
            return null;
        }
    }
}
