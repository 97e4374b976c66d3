package org.xsmtp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5322 address parsing with the obsolete syntax of RFC 5322 section 4.4 and the UTF-8 of
 * RFC 6532, modelled on Python's {@code email.utils.parseaddr} and {@code getaddresses}.
 *
 * <p>Accepted: display names made of atoms, quoted strings and dots ({@code Joe Q. Public});
 * comments anywhere white space may be, nested, with quoted-pairs, dropped (except that the
 * comments following a bare addr-spec become its display name, as in Python); folded values
 * (line break followed by a space or tab); quoted strings with quoted-pairs; domain literals
 * such as {@code [127.0.0.1]}; obsolete routes {@code <@a,@b:user@host>}, whose route is
 * dropped; white space and comments around the dots and the {@code @} of an addr-spec; a local
 * part without domain ({@code postmaster}); groups, flattened into their members; non-ASCII
 * characters in atoms, quoted strings and domain literals.
 *
 * <p>An addr-spec is returned in a normal form: comments and white space removed, each quoted
 * word of the local part re-quoted with only {@code "} and {@code \} escaped (so
 * {@code "a\ b"@x} becomes {@code "a b"@x}, as in Python), white space inside a domain literal
 * removed (Python keeps it). A display name is the phrase with quoted strings decoded and each
 * run of white space and comments replaced by one space; unlike Python, comments never become
 * part of the display name of a {@code name <addr>} mailbox. Encoded words are not decoded.
 *
 * <p>Never accepted, whatever Python does with them: an empty local part, domain or domain
 * literal, a local part or domain with an empty dot-separated part ({@code a..b@x},
 * {@code a.@x}), two words without a dot in a local part ({@code a b@c}), unbalanced quotes,
 * comments, brackets or angle brackets, control characters, CR or LF inside a quoted string or
 * domain literal after unfolding, U+FFFD (the mark of undecodable bytes) and lone surrogates.
 *
 * <p>Inputs longer than {@link #MAX_INPUT_CHARS} are refused. The work is linear in the input
 * length and no regular expressions are used.
 */
public final class AddressParser {

    /** Longest accepted input, in chars: 1 MiB. */
    public static final int MAX_INPUT_CHARS = 1 << 20;

    private AddressParser() {
    }

    /**
     * Parses a string that must hold exactly one mailbox, like Python's
     * {@code email.utils.parseaddr} in its strict form.
     *
     * <p>Where Python 3.11 returns a partial address for junk ({@code a@b> NOTIFY=SUCCESS} gives
     * {@code a@b}, {@code <a@b} gives {@code a@b}), this method returns {@code null}. A group,
     * even one with a single member, is not a mailbox and gives {@code null}; so does a trailing
     * comma.
     *
     * @param s the text, possibly folded; {@code null} gives {@code null}
     * @return the mailbox, or {@code null} when {@code s} is empty, is {@code <>}, holds no
     *     mailbox, more than one, anything after the mailbox other than comments and white space,
     *     or is longer than {@link #MAX_INPUT_CHARS}
     */
    public static MailboxAddress parseAddr(String s) {
        if (s == null || s.length() > MAX_INPUT_CHARS) {
            return null;
        }
        return AddressListParser.parseSingle(AddressTokenizer.tokenize(unfold(s)));
    }

    /**
     * Parses the values of address header fields, like Python's
     * {@code email.utils.getaddresses}: every mailbox in order, group members in place of their
     * group, empty groups contributing nothing.
     *
     * <p>Each value is parsed on its own (Python joins them with {@code ", "} first; the result
     * is the same for well-formed values, but an unterminated quote cannot swallow the next
     * value). Within a value the elements are separated by commas outside quotes, comments,
     * domain literals, angle brackets and groups. A malformed element contributes nothing and
     * parsing resumes after the next such comma; a malformed member of a group is skipped up to
     * the next {@code ,} or {@code ;} of the group; an element with trailing junk (such as
     * {@code a@b> x} or {@code g: a@x; junk}) is malformed as a whole. An unterminated quoted
     * string, comment or domain literal, or an unclosed {@code <}, makes its element and the
     * rest of that value malformed. Empty elements ({@code a@x,,b@y}, a trailing comma) and
     * {@code <>} contribute nothing; Python returns {@code ('', '')} entries for some of these.
     * A missing {@code ;} at the end of a value that opened a group is tolerated.
     *
     * @param headerValues the raw values, possibly folded; {@code null} elements and values
     *     longer than {@link #MAX_INPUT_CHARS} contribute nothing
     * @return the mailboxes in order, duplicates kept; never {@code null}, never throws for
     *     malformed input
     * @throws NullPointerException if {@code headerValues} is {@code null}
     */
    public static List<MailboxAddress> parseList(List<String> headerValues) {
        List<MailboxAddress> out = new ArrayList<>();
        for (String value : headerValues) {
            out.addAll(parseValue(value).mailboxes());
        }
        return out;
    }

    /**
     * Parses one header value as {@link #parseList} does, and counts what it skips.
     *
     * @param value the raw value, possibly folded, or {@code null}
     * @return the mailboxes and the number of malformed elements skipped (a value longer than
     *     {@link #MAX_INPUT_CHARS} is one malformed element)
     */
    public static ParsedList parseValue(String value) {
        List<MailboxAddress> out = new ArrayList<>();
        if (value == null) {
            return new ParsedList(out, 0);
        }
        if (value.length() > MAX_INPUT_CHARS) {
            return new ParsedList(out, 1);
        }
        if (addPlainList(value, out)) {
            return new ParsedList(out, 0);
        }
        return AddressListParser.parseList(AddressTokenizer.tokenize(unfold(value)));
    }

    /**
     * The common case without the tokenizer: a comma-separated list of plain mailboxes, each a bare ASCII
     * dot-atom addr-spec or one in angle brackets after a display name of ASCII atoms, with spaces or tabs
     * around, for which the full parser gives the same mailboxes.
     *
     * @return false (having added nothing) when the value is anything else
     */
    private static boolean addPlainList(String value, List<MailboxAddress> out) {
        int size = out.size();
        int start = 0;
        while (true) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            MailboxAddress mailbox = plainMailbox(value, start, end);
            if (mailbox == null) {
                out.subList(size, out.size()).clear();
                return false;
            }
            out.add(mailbox);
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
    }

    /** {@code addr-spec} or {@code [atom *(WSP atom)] WSP* <addr-spec>}, all plain ASCII; null for anything else. */
    private static MailboxAddress plainMailbox(String s, int start, int end) {
        String part = strip(s, start, end);
        if (part == null) {
            return null;
        }
        if (part.charAt(part.length() - 1) != '>') {
            return isPlainAddrSpec(part) ? new MailboxAddress("", part) : null;
        }
        int open = part.indexOf('<');
        if (open < 0) {
            return null;
        }
        String addrSpec = part.substring(open + 1, part.length() - 1);
        if (!isPlainAddrSpec(addrSpec)) {
            return null;
        }
        StringBuilder name = new StringBuilder(open);
        boolean space = false;
        for (int i = 0; i < open; i++) {
            char c = part.charAt(i);
            if (isWsp(c)) {
                space = true;
            } else if (isAsciiAtext(c)) {
                if (space && name.length() > 0) {
                    name.append(' ');
                }
                space = false;
                name.append(c);
            } else {
                return null;
            }
        }
        return new MailboxAddress(name.toString(), addrSpec);
    }

    private static String strip(String s, int start, int end) {
        while (start < end && isWsp(s.charAt(start))) {
            start++;
        }
        while (end > start && isWsp(s.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : s.substring(start, end);
    }

    /**
     * Whether {@code address} is a bare ASCII dot-atom {@code local@domain} (RFC 5322 atext, single dots, one
     * {@code @}): the parser gives such an address back unchanged as the addr-spec of a mailbox without a
     * display name.
     *
     * @param address the candidate
     * @return whether it is one
     */
    public static boolean isPlainAddrSpec(String address) {
        int n = address.length();
        int at = -1;
        char previous = '.';
        for (int i = 0; i < n; i++) {
            char c = address.charAt(i);
            if (c == '@') {
                if (at >= 0 || previous == '.') {
                    return false;
                }
                at = i;
            } else if (c == '.') {
                if (previous == '.' || previous == '@') {
                    return false;
                }
            } else if (!isAsciiAtext(c)) {
                return false;
            }
            previous = c;
        }
        return at > 0 && previous != '.' && previous != '@';
    }

    private static boolean isAsciiAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c < 0x80 && "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0);
    }

    /**
     * Removes folding: every CRLF or bare LF that is followed by a space or tab is deleted,
     * keeping the space or tab (RFC 5322 section 2.2.3). Other line breaks are kept.
     *
     * @param s the header value
     * @return the unfolded value
     * @throws NullPointerException if {@code s} is {@code null}
     */
    public static String unfold(String s) {
        if (s.indexOf('\n') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int breakLength = s.startsWith("\r\n", i) ? 2 : s.charAt(i) == '\n' ? 1 : 0;
            if (breakLength > 0 && i + breakLength < s.length() && isWsp(s.charAt(i + breakLength))) {
                i += breakLength;
                continue;
            }
            out.append(s.charAt(i++));
        }
        return out.toString();
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }
}
