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

    /** smtplib's {@code _addr_only}: the address part, or the input when it does not parse. */
    static String addrOnly(String address) {
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
        String path = quote(address);
        String problem = pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid address " + Escapes.escape(address) + ": " + problem);
        }
        return path;
    }

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
            if (quoted) {
                if (c == '\\') {
                    i++;
                    if (i >= path.length() - 1) {
                        return "ends inside a quoted string";
                    }
                    char next = path.charAt(i);
                    if (next < 0x20 || next == 0x7F) {
                        return "contains a control character";
                    }
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ' ' || c == '\t') {
                return "contains white space outside a quoted local part";
            } else if (c == '<' || c == '>') {
                return "contains '" + c + "' inside the path";
            }
        }
        return quoted ? "has an unterminated quoted string" : null;
    }
}
