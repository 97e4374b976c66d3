package org.xsmtp.faults;

import java.util.ArrayList;
import java.util.List;
import org.xsmtp.peers.SinkMessage;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.SmtpResponseException;
import org.xsmtp.smtp.SmtpRecipientsRefusedException;

/**
 * Compares what the client reported with what smtp-sink stored. A message reported as sent must have been
 * stored exactly once (none: lost; more: duplicated); one reported as failed must not have been stored (the
 * caller would send it again: a duplicate), except where smtp-sink stores the message and then rejects its
 * end of data ({@code -f .}, {@code -r .}, {@code -Q .}): the rejection is what counts. After a drop or a
 * timeout following the end of data ({@code -q .}, {@code -W .}) the only true report is "unknown", and such a
 * message may have been stored once. Recipients are never reported as delivered unless the message was
 * sent, and those of an unknown outcome are unconfirmed. Mismatches with the cell's expectation are listed.
 */
final class Ledger {
    private int cases;
    private int hangs;
    private int lost;
    private int duplicated;
    private final List<String> problems = new ArrayList<>();

    synchronized void record(Cell cell, Observation o) {
        cases++;
        if (o.hung()) {
            hangs++;
            problems.add(cell + ": client did not finish within " + CellRun.BOUND);
            return;
        }
        Verdict verdict = Verdict.of(o.failure());
        int stored = o.captured().size();
        boolean storedDespiteReject = cell.command() == Command.END_OF_DATA && (cell.fault() == Fault.CLOSE_421
                || cell.fault() == Fault.TRANSIENT || cell.fault() == Fault.PERMANENT);
        switch (verdict) {
            case SENT -> {
                if (stored == 0) {
                    lost++;
                    problems.add(cell + ": reported sent, not stored");
                } else if (stored > 1) {
                    duplicated++;
                    problems.add(cell + ": reported sent, stored " + stored + " times");
                }
            }
            case FAILED -> {
                if (stored > (storedDespiteReject ? 1 : 0)) {
                    duplicated++;
                    problems.add(cell + ": reported failed but stored " + stored + " times");
                }
            }
            case UNKNOWN -> {
                if (stored > 1) {
                    duplicated++;
                    problems.add(cell + ": outcome unknown, stored " + stored + " times");
                }
            }
        }
        checkRecipients(cell, verdict, o.recipients());
        checkStoredContent(cell, o.captured());
        checkExpectation(cell, o);
    }

    private void checkRecipients(Cell cell, Verdict verdict, List<RecipientResult> recipients) {
        for (RecipientResult r : recipients) {
            if (r.delivered() != (verdict == Verdict.SENT)) {
                problems.add(cell + ": " + verdict + " but recipient " + r.recipient() + " delivered=" + r.delivered());
            }
            if (verdict == Verdict.UNKNOWN && r.acceptedAtRcpt() && !r.unconfirmed()) {
                problems.add(cell + ": outcome unknown but " + r.recipient() + " not flagged unconfirmed");
            }
        }
        if (verdict == Verdict.SENT && recipients.size() != CellRun.RECIPIENTS.size()) {
            problems.add(cell + ": sent, but " + recipients.size() + " recipient results");
        }
    }

    private void checkStoredContent(Cell cell, List<SinkMessage> stored) {
        for (SinkMessage m : stored) {
            if (m.rcptArgs().size() != CellRun.RECIPIENTS.size() || !m.content().equals("Subject: fault\n\nbody\n")) {
                problems.add(cell + ": stored message differs: " + m);
            }
        }
    }

    private void checkExpectation(Cell cell, Observation o) {
        Expectation e = Expectation.of(cell);
        Throwable f = o.failure();
        if (!sameClass(e.failure(), f) || (f != null && e.code() != 0 && code(f) != e.code())) {
            problems.add(cell + ": expected " + name(e.failure()) + (e.code() != 0 ? " " + e.code() : "")
                    + ", got " + f);
        }
        Throwable c = o.closeFailure();
        if (!sameClass(e.closeFailure(), c) || (c != null && e.closeCode() != 0 && code(c) != e.closeCode())) {
            problems.add(cell + ": close() expected " + name(e.closeFailure()) + ", got " + c);
        }
    }

    private static boolean sameClass(Class<?> expected, Throwable actual) {
        return expected == null ? actual == null : actual != null && actual.getClass() == expected;
    }

    /** The reply code of a response exception; for refused recipients, the code all of them share, else -1. */
    private static int code(Throwable t) {
        if (t instanceof SmtpResponseException r) {
            return r.code();
        }
        if (t instanceof SmtpRecipientsRefusedException r) {
            return r.recipients().values().stream().mapToInt(reply -> reply.code()).distinct()
                    .reduce((a, b) -> -1).orElse(-1);
        }
        return -1;
    }

    private static String name(Class<?> c) {
        return c == null ? "no exception" : c.getSimpleName();
    }

    synchronized String summary() {
        return "faults: " + cases + " cases, " + hangs + " hangs, " + lost + " lost, " + duplicated + " duplicated";
    }

    synchronized int hangs() {
        return hangs;
    }

    synchronized int lost() {
        return lost;
    }

    synchronized int duplicated() {
        return duplicated;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
