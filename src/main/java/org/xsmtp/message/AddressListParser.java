package org.xsmtp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser from {@link Token}s to mailboxes (RFC 5322 section 3.4 with the
 * obsolete forms of section 4.4). Every method moves forward over the token list; failed
 * elements are skipped once, so the work is linear in the number of tokens.
 *
 * <p>Methods return the index of the first token after what they parsed, or {@code -1} when the
 * tokens do not have the expected form.
 */
final class AddressListParser {

    private final List<Token> tokens;
    private MailboxAddress lastMailbox;
    private String lastDomain;

    private int skipped;

    private AddressListParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Every mailbox of an address-list, groups flattened, malformed elements (and group members) skipped. */
    static ParsedList parseList(List<Token> tokens) {
        AddressListParser p = new AddressListParser(tokens);
        List<MailboxAddress> mailboxes = p.list();
        return new ParsedList(mailboxes, p.skipped);
    }

    /** The one mailbox that makes up all of the tokens, or {@code null}. */
    static MailboxAddress parseSingle(List<Token> tokens) {
        AddressListParser p = new AddressListParser(tokens);
        if (p.isEnd(0) || p.at(p.skipWords(0)).isSpecial(':')) {
            return null;
        }
        int end = p.mailbox(0);
        return end >= 0 && p.isEnd(end) ? p.lastMailbox : null;
    }

    private Token at(int i) {
        return tokens.get(i);
    }

    private boolean isEnd(int i) {
        return at(i).kind() == Token.Kind.END;
    }

    private List<MailboxAddress> list() {
        List<MailboxAddress> out = new ArrayList<>();
        int i = 0;
        while (!isEnd(i)) {
            if (at(i).isSpecial(',')) {
                i++;
                continue;
            }
            List<MailboxAddress> found = new ArrayList<>();
            int end = element(i, found);
            if (end >= 0 && (isEnd(end) || at(end).isSpecial(','))) {
                out.addAll(found);
                i = end;
            } else {
                skipped++;
                i = skipElement(i);
            }
        }
        return out;
    }

    /** An address: a group (members added to {@code found}) or a mailbox. */
    private int element(int i, List<MailboxAddress> found) {
        int colon = skipWords(i);
        if (at(colon).isSpecial(':')) {
            return group(i, colon, found);
        }
        int end = mailbox(i);
        if (end >= 0) {
            found.add(lastMailbox);
        }
        return end;
    }

    /**
     * A group. A malformed member is skipped alone; a missing final {@code ;} is tolerated at
     * the end of the value.
     */
    private int group(int start, int colon, List<MailboxAddress> found) {
        String name = phrase(start, colon);
        if (name == null || name.isEmpty()) {
            return -1;
        }
        int i = colon + 1;
        while (true) {
            Token t = at(i);
            if (t.isSpecial(';')) {
                return i + 1;
            }
            if (t.kind() == Token.Kind.END) {
                return i;
            }
            if (t.isSpecial(',')) {
                i++;
                continue;
            }
            int end = mailbox(i);
            if (end >= 0 && (isEnd(end) || at(end).isSpecial(',') || at(end).isSpecial(';'))) {
                found.add(lastMailbox);
                i = end;
            } else {
                skipped++;
                i = skipMember(i);
            }
        }
    }

    /** A mailbox: name-addr or addr-spec; sets {@link #lastMailbox}. */
    private int mailbox(int start) {
        int i = skipWords(start);
        if (at(i).isSpecial('<')) {
            String name = phrase(start, i);
            return name == null ? -1 : angleAddr(i, name);
        }
        int end = addrSpec(start);
        if (end < 0) {
            return -1;
        }
        // A bare addr-spec takes the comments after it as display name, as Python does.
        String name = String.join(" ", at(end).commentsBefore().stream().filter(c -> !c.isEmpty()).toList());
        lastMailbox = new MailboxAddress(name, lastMailbox.addrSpec());
        return end;
    }

    /** {@code <} [obs-route] addr-spec {@code >}; sets {@link #lastMailbox}. */
    private int angleAddr(int open, String name) {
        int i = open + 1;
        if (at(i).isSpecial(',') || at(i).isSpecial('@')) {
            i = route(i);
            if (i < 0) {
                return -1;
            }
        }
        int end = addrSpec(i);
        if (end < 0 || !at(end).isSpecial('>')) {
            return -1;
        }
        lastMailbox = new MailboxAddress(name, lastMailbox.addrSpec());
        return end + 1;
    }

    /** obs-route: {@code @a,@b:}, ignored. */
    private int route(int i) {
        while (at(i).isSpecial(',')) {
            i++;
        }
        if (!at(i).isSpecial('@') || (i = domain(i + 1)) < 0) {
            return -1;
        }
        while (at(i).isSpecial(',')) {
            i++;
            if (at(i).isSpecial('@') && (i = domain(i + 1)) < 0) {
                return -1;
            }
        }
        return at(i).isSpecial(':') ? i + 1 : -1;
    }

    /** local-part [{@code @} domain]; sets {@link #lastMailbox} with an empty display name. */
    private int addrSpec(int start) {
        int i = skipWords(start);
        String local = localPart(start, i);
        if (local == null) {
            return -1;
        }
        if (!at(i).isSpecial('@')) {
            lastMailbox = new MailboxAddress("", local);
            return i;
        }
        i = domain(i + 1);
        if (i < 0) {
            return -1;
        }
        lastMailbox = new MailboxAddress("", local + "@" + lastDomain);
        return i;
    }

    /** dot-atom or domain-literal; sets {@link #lastDomain}. */
    private int domain(int i) {
        Token t = at(i);
        if (t.kind() == Token.Kind.LITERAL) {
            lastDomain = "[" + t.text() + "]";
            return t.text().isEmpty() ? -1 : i + 1;
        }
        if (t.kind() != Token.Kind.ATOM) {
            return -1;
        }
        StringBuilder d = new StringBuilder(t.text());
        i++;
        while (at(i).isSpecial('.')) {
            if (at(i + 1).kind() != Token.Kind.ATOM) {
                return -1;
            }
            d.append('.').append(at(i + 1).text());
            i += 2;
        }
        lastDomain = d.toString();
        return i;
    }

    /** word *("." word) over tokens [start, end); quoted words stay quoted. */
    private String localPart(int start, int end) {
        if (start == end || (end - start) % 2 == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = start; i < end; i++) {
            Token t = at(i);
            boolean wordExpected = (i - start) % 2 == 0;
            if (wordExpected ? !t.isWord() : !t.isSpecial('.')) {
                return null;
            }
            out.append(t.kind() == Token.Kind.QUOTED ? quote(t.text()) : t.text());
        }
        return out.toString();
    }

    /** A display name over tokens [start, end): words and dots, a space where CFWS was. */
    private String phrase(int start, int end) {
        if (start == end) {
            return "";
        }
        if (!at(start).isWord()) {
            return null;
        }
        StringBuilder out = new StringBuilder(at(start).text());
        for (int i = start + 1; i < end; i++) {
            if (at(i).spaceBefore()) {
                out.append(' ');
            }
            out.append(at(i).text());
        }
        return out.toString();
    }

    private static String quote(String content) {
        StringBuilder q = new StringBuilder(content.length() + 2).append('"');
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\');
            }
            q.append(c);
        }
        return q.append('"').toString();
    }

    private int skipWords(int i) {
        while (at(i).isWord() || at(i).isSpecial('.')) {
            i++;
        }
        return i;
    }

    /** The next {@code ,} or {@code ;} outside angle brackets, or the end. */
    private int skipMember(int i) {
        boolean inAngle = false;
        for (;; i++) {
            Token t = at(i);
            if (isEnd(i) || (!inAngle && (t.isSpecial(',') || t.isSpecial(';')))) {
                return i;
            }
            inAngle = t.isSpecial('<') || (inAngle && !t.isSpecial('>'));
        }
    }

    /** The next {@code ,} outside angle brackets and outside a group, or the end. */
    private int skipElement(int i) {
        boolean inAngle = false;
        boolean inGroup = false;
        for (;; i++) {
            Token t = at(i);
            if (isEnd(i) || (!inAngle && !inGroup && t.isSpecial(','))) {
                return i;
            }
            if (!inAngle && t.isSpecial(':')) {
                inGroup = true;
            } else if (!inAngle && t.isSpecial(';')) {
                inGroup = false;
            }
            inAngle = t.isSpecial('<') || (inAngle && !t.isSpecial('>'));
        }
    }
}
