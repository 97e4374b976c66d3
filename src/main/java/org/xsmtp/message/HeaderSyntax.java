package org.xsmtp.message;

/**
 * Byte-level rules for header lines shared by {@link RawHeaderBlock} and
 * {@link BccStrippingOutputStream}.
 *
 * <p>A field line is a field name (one or more printable US-ASCII characters other than
 * {@code :}), optional spaces or tabs (obsolete syntax, RFC 5322 section 4.5), then {@code :}.
 * A line starting with a space or tab continues the previous field. Any other non-empty line
 * ends the header section and is the first line of the body, as in Python's email parser.
 */
final class HeaderSyntax {

    private HeaderSyntax() {
    }

    static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    static boolean isFieldNameByte(int b) {
        return b > ' ' && b < 0x7f && b != ':';
    }

    /** Whether a field of this name must not be transmitted. */
    static boolean isBccName(String name) {
        return name.equalsIgnoreCase("Bcc") || name.equalsIgnoreCase("Resent-Bcc");
    }
}
