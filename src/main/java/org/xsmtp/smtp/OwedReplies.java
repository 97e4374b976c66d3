package org.xsmtp.smtp;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The replies one transaction's commands are owed, in the order they were sent (RFC 2920 §3.1 matches replies
 * to commands by order), each read with the time limit of its kind.
 *
 * <p>At most {@link CommandChannel#maxUnreadReplies()} are left unread while more commands are written (as many
 * replies of at most 512 bytes as the socket's receive buffer holds): a client that writes
 * without reading can deadlock with a server blocked writing replies that nobody reads (RFC 2920 §3.1). A
 * longer group reads its oldest replies ahead as it goes, and hands them out in turn.
 */
final class OwedReplies {
    /** What a reply answers, which sets its time limit. */
    enum Expect { RSET, MAIL, RCPT, DATA, BDAT, LAST_BDAT, END_OF_DATA }

    private final CommandChannel ch;
    private final SmtpTimeouts timeouts;
    private final ArrayDeque<Expect> owed = new ArrayDeque<>();
    /** Replies read before their turn, for the oldest entries of {@link #owed}. */
    private final ArrayDeque<Reply> readAhead = new ArrayDeque<>();
    /** Why reading ahead failed, raised when the reply it was reading comes up. */
    private SmtpException readAheadFailure;
    /** Whether writing stopped: a reply read ahead was 421, or reading ahead failed. */
    private boolean stopped;

    OwedReplies(CommandChannel ch, SmtpTimeouts timeouts) {
        this.ch = ch;
        this.timeouts = timeouts;
    }

    /**
     * Writes a command that owes a reply, first reading the oldest reply when too many are unread. Once a reply
     * read ahead is a 421 (the server is closing) or reading ahead failed, nothing more is written: the replies
     * read so far, then that failure, are handed out in turn, so the caller meets them where it would have.
     */
    void send(Expect expect, byte[] line) throws SmtpException {
        if (stopped) {
            return;
        }
        if (unread() >= ch.maxUnreadReplies()) {
            try {
                Reply early = read(owed.stream().skip(readAhead.size()).findFirst().orElseThrow());
                readAhead.add(early);
                stopped = early.code() == 421;
            } catch (SmtpException e) {
                readAheadFailure = e;
                stopped = true;
            }
            if (stopped) {
                return;
            }
        }
        ch.send(line, null);
        owed.add(expect);
    }

    /** Records a reply owed for something already written (the end of data, a BDAT chunk). */
    void add(Expect expect) {
        owed.add(expect);
    }

    /** @return the next reply, in the order the commands were sent */
    Reply next() throws SmtpException {
        Expect expect = owed.poll();
        Reply early = readAhead.poll();
        if (early != null) {
            return early;
        }
        if (readAheadFailure != null) {
            throw readAheadFailure;
        }
        return read(expect);
    }

    /** @return what the next reply answers, or null when none is owed */
    Expect peek() {
        return owed.peek();
    }

    int size() {
        return owed.size();
    }

    boolean isEmpty() {
        return owed.isEmpty();
    }

    /** @return the replies owed and not read yet */
    int unread() {
        return owed.size() - readAhead.size();
    }

    /** Forgets every owed reply (the connection is gone, or the rest is read elsewhere). */
    void clear() {
        owed.clear();
        readAhead.clear();
        readAheadFailure = null;
    }

    private Reply read(Expect expect) throws SmtpException {
        Duration limit = switch (expect) {
            case DATA -> timeouts.dataInitiation();
            case LAST_BDAT, END_OF_DATA -> timeouts.dataTermination();
            default -> timeouts.command();
        };
        return ch.read(limit, false);
    }
}
