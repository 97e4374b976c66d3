package org.xsmtp.smtp;

import java.time.Duration;

/**
 * Reads LMTP's answer to the end of data: one reply per recipient accepted at RCPT, in RCPT order
 * (RFC 2033 §4.2), where smtplib reads only one. If the connection is lost part way, the recipients without
 * a reply get a synthetic transient failure naming the cause: never counted as delivered.
 */
final class LmtpVerdicts {
    /**
     * @param replies one per accepted recipient
     * @param reported how many of them came from the server (the rest are synthetic)
     * @param lost the failure that cut the replies short, or null
     */
    record Result(Reply[] replies, int reported, SmtpServerDisconnectedException lost) {
        boolean unconfirmed(int i) {
            return i >= reported;
        }
    }

    private LmtpVerdicts() {
    }

    static Result read(CommandChannel ch, Duration limit, int count) {
        Reply[] replies = new Reply[count];
        int reported = 0;
        SmtpServerDisconnectedException lost = null;
        for (int i = 0; i < count; i++) {
            if (lost == null) {
                try {
                    replies[i] = ch.read(limit, false);
                    reported++;
                    continue;
                } catch (SmtpServerDisconnectedException e) {
                    lost = e;
                    ch.close();
                } catch (SmtpException e) {
                    lost = new SmtpServerDisconnectedException(e.getMessage(), e);
                    ch.close();
                }
            }
            replies[i] = new Reply(451, "4.4.2 no reply for this recipient: " + lost.getMessage()
                    + " (counted as not delivered)");
        }
        return new Result(replies, reported, lost);
    }
}
