package org.xsmtp.smtp;

import org.xsmtp.message.AddressParser;
import org.xsmtp.message.MailboxAddress;
import org.xsmtp.wire.Escapes;

/**
 * smtplib's address quoting ({@code quoteaddr}, {@code _addr_only}) plus the check smtplib lacks: the path
 * that goes into MAIL or RCPT must be one well-formed {@code <...>} path, so an address cannot smuggle in an
 * ESMTP parameter ({@code a@b> NOTIFY=SUCCESS}) or a second command.
 */
final class Addresses {
    private Addresses() {
    }

    /** smtplib's {@code quoteaddr}: the address part of an RFC 5322 address in angle brackets. */
    static String quote(String address) {
        if (AddressParser.isPlainAddrSpec(address)) {
            return "<" + address + ">"; // what the parser would make of it
        }
        MailboxAddress parsed = AddressParser.parseAddr(address);
        if (parsed == null) {
            return address.strip().startsWith("<") ? address : "<" + address + ">";
        }
        return "<" + parsed.addrSpec() + ">";
    }

    /**
     * smtplib's {@code _addr_only}: the address part, or the input when it does not parse.
     *
     * @throws IllegalArgumentException when the input holds CR, LF or NUL (see {@link #path(String)})
     */
    static String addrOnly(String address) {
        rejectLineBreaks(address);
        MailboxAddress parsed = AddressParser.parseAddr(address);
        return parsed == null ? address : parsed.addrSpec();
    }

    /**
     * Quotes an address for MAIL FROM or RCPT TO and checks the result is a single path.
     *
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    static String path(String address) {
        if (AddressParser.isPlainAddrSpec(address)) {
            return "<" + address + ">"; // nothing in it can make the path ill-formed
        }
        rejectLineBreaks(address);
        String path = quote(address);
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid address " + Escapes.escape(address) + ": " + problem);
        }
        return path;
    }

    /**
     * The address parser (like Python's {@code parseaddr}) treats CR and LF as folding white space and drops
     * them, so {@code "a@b\r\n"} would quietly become {@code <a@b>}. A line break or NUL in an address is
     * never legitimate and usually means header injection upstream, so it is refused, not repaired.
     */
    private static void rejectLineBreaks(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("invalid address " + Escapes.escape(address)
                        + ": contains a CR, LF or NUL character");
            }
        }
    }

    /**
     * RFC 5321 allows white space and angle brackets inside a quoted local part, but a server (or a filter in
     * between) that splits the command at spaces would read the rest as parameters: {@code "x NOTIFY=SUCCESS"@y}.
     * Such addresses are all but unused, so they are refused like unquoted ones.
     */
    private static String pathProblem(String path) {
        if (path.length() < 2 || path.charAt(0) != '<' || path.charAt(path.length() - 1) != '>') {
            return "not of the form <local@domain>";
        }
        boolean quoted = false;
        for (int i = 1; i < path.length() - 1; i++) {
            char c = path.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return "contains a CR, LF or NUL character";
            }
            if (c < 0x20 || c == 0x7F) {
                return "contains a control character";
            }
            if (c == ' ' || c == '\t') {
                return "contains white space" + (quoted ? " (even quoted)" : "");
            }
            if (c == '<' || c == '>') {
                return "contains '" + c + "' inside the path" + (quoted ? " (even quoted)" : "");
            }
            if (quoted && c == '\\') {
                i++;
                if (i >= path.length() - 1) {
                    return "ends inside a quoted string";
                }
                char next = path.charAt(i);
                if (next < 0x20 || next == 0x7F || next == ' ' || next == '<' || next == '>') {
                    return "contains a control character, white space or bracket";
                }
            } else if (c == '"') {
                quoted = !quoted;
            }
        }
        return quoted ? "has an unterminated quoted string" : null;
    }
}
