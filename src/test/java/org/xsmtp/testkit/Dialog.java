package org.xsmtp.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A reactive fake server's rules: it answers each command line as it arrives, so pipelined and unpipelined
 * clients meet the same server (as with a real MTA). Rules match by line prefix, in the order added; a rule
 * given several times answers in turn, the last answer repeating.
 */
public final class Dialog {
    /** What the server does for one command. */
    public record Reaction(String reply, boolean close, long delayMillis) {
    }

    private record Rule(String prefix, Deque<Reaction> reactions) {
    }

    final String greeting;
    private final List<Rule> rules = new ArrayList<>();
    private final Deque<Reaction> endOfData = new ArrayDeque<>();

    private Dialog(String greeting) {
        this.greeting = greeting;
    }

    /**
     * @param lines the greeting lines (CRLF added)
     * @return a dialog with that greeting
     */
    public static Dialog greeting(String... lines) {
        return new Dialog(join(lines));
    }

    /** @return a dialog greeting with 220 and answering EHLO with the given extensions, QUIT with 221, RSET/NOOP 250 */
    public static Dialog esmtp(String... extensions) {
        String[] ehlo = new String[extensions.length + 1];
        ehlo[0] = "250" + (extensions.length > 0 ? "-" : " ") + "fake.test";
        for (int i = 0; i < extensions.length; i++) {
            ehlo[i + 1] = "250" + (i == extensions.length - 1 ? " " : "-") + extensions[i];
        }
        return greeting("220 fake.test ESMTP").on("EHLO", ehlo).on("LHLO", ehlo).on("HELO", "250 fake.test")
                .on("RSET", "250 2.0.0 Ok").on("NOOP", "250 2.0.0 Ok").onClose("QUIT", "221 2.0.0 Bye");
    }

    /** @return this dialog, answering commands starting with {@code prefix} with the reply lines */
    public Dialog on(String prefix, String... replyLines) {
        return add(prefix, new Reaction(join(replyLines), false, 0));
    }

    /** @return this dialog, answering and then closing the connection */
    public Dialog onClose(String prefix, String... replyLines) {
        return add(prefix, new Reaction(replyLines.length == 0 ? null : join(replyLines), true, 0));
    }

    /** @return this dialog, answering after a delay */
    public Dialog onDelayed(String prefix, long millis, String... replyLines) {
        return add(prefix, new Reaction(join(replyLines), false, millis));
    }

    /** @return this dialog, answering the end of data (CRLF.CRLF) */
    public Dialog onData(String... replyLines) {
        endOfData.add(new Reaction(join(replyLines), false, 0));
        return this;
    }

    /** @return this dialog, answering the end of data and closing */
    public Dialog onDataClose(String... replyLines) {
        endOfData.add(new Reaction(replyLines.length == 0 ? null : join(replyLines), true, 0));
        return this;
    }

    private Dialog add(String prefix, Reaction reaction) {
        for (Rule rule : rules) {
            if (rule.prefix.equals(prefix)) {
                rule.reactions.add(reaction);
                return this;
            }
        }
        Deque<Reaction> q = new ArrayDeque<>();
        q.add(reaction);
        rules.add(new Rule(prefix, q));
        return this;
    }

    Reaction react(String line) {
        for (Rule rule : rules) {
            if (line.startsWith(rule.prefix)) {
                return take(rule.reactions);
            }
        }
        return new Reaction("500 5.5.2 unexpected command in test script\r\n", false, 0);
    }

    Reaction reactToEndOfData() {
        return endOfData.isEmpty() ? new Reaction("250 2.0.0 Ok: queued\r\n", false, 0) : take(endOfData);
    }

    private static Reaction take(Deque<Reaction> q) {
        return q.size() > 1 ? q.poll() : q.peek();
    }

    private static String join(String... lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            s.append(line).append("\r\n");
        }
        return s.toString();
    }
}
