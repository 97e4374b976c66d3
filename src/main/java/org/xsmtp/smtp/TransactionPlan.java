package org.xsmtp.smtp;

import java.util.List;

/**
 * Everything a transaction sends, encoded and checked before the first byte goes out.
 *
 * @param sender the sender as the caller gave it (for {@link SmtpSenderRefusedException})
 * @param mailLine the encoded MAIL command
 * @param recipients the recipients as the caller gave them, in order
 * @param rcptLines the encoded RCPT commands, one per recipient
 * @param pipelined whether to pipeline (the server advertises PIPELINING and the client allows it)
 * @param chunked whether to send with BDAT instead of DATA
 * @param binary whether the content is sent as is (BODY=BINARYMIME) rather than with normalised line ends
 * @param lmtp whether the server answers once per accepted recipient after the data
 * @param allRecipients whether any refused RCPT abandons the transaction before the data
 * @param mayDropConnection whether a 354 that {@code allRecipients} must refuse may be refused by dropping the
 *     connection (a single send, which the Jakarta transport follows with a reconnect; not a batch, where the
 *     messages after it would be lost with the connection)
 */
record TransactionPlan(String sender, byte[] mailLine, List<String> recipients, List<byte[]> rcptLines,
        boolean pipelined, boolean chunked, boolean binary, boolean lmtp, boolean allRecipients,
        boolean mayDropConnection) {

    /** @return this plan for a batch: content held back where only dropping the connection could refuse it */
    TransactionPlan inBatch() {
        return new TransactionPlan(sender, mailLine, recipients, rcptLines, pipelined, chunked, binary, lmtp,
                allRecipients, false);
    }

    /**
     * @return whether DATA or the first chunk goes in one write with the envelope, before its replies are read.
     *     All or nothing ({@code allRecipients}) keeps BDAT content back until every RCPT reply is in (a LAST
     *     chunk cannot be taken back), except with one recipient, whose refusal leaves nobody to deliver to;
     *     DATA goes ahead when a 354 may still be refused by dropping the connection.
     */
    boolean contentPipelined() {
        return pipelined && (!allRecipients || recipients.size() == 1 || (!chunked && mayDropConnection));
    }
}
