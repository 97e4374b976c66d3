package org.xsmtp.message;

/**
 * Byte-level rules for header lines shared by {@link RawHeaderBlock} and
 * {@link BccStrippingOutputStream}.
 *
 * <p>A field line is a field name (one or more printable US-ASCII characters other than
 * {@code :}), optional spaces or tabs (obsolete syntax, RFC 5322 section 4.5), then {@code :}.
 * A line starting with a space or tab continues the previous field. A line starting with
 * {@code "From "} that is not a field line is an mbox envelope line ({@code From_}): as in Python's
 * email parser it is no field and does not end the header section (the first one is the unix-from, later
 * ones are misplaced), and it is not transmitted. Any other non-empty line ends the header section and is
 * the first line of the body, as in Python's email parser.
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

    /** The start of an mbox envelope line, case-sensitive as in mbox files and Python's parser. */
    static final byte[] ENVELOPE_START = {'F', 'r', 'o', 'm', ' '};

    /**
     * @return whether the line in {@code b[start, end)} is an mbox {@code From_} line: {@code "From "} not
     *     followed by optional white space and a colon (which would make it an obsolete-syntax From field)
     */
    static boolean isEnvelopeLine(byte[] b, int start, int end) {
        if (end - start < ENVELOPE_START.length) {
            return false;
        }
        for (int k = 0; k < ENVELOPE_START.length; k++) {
            if (b[start + k] != ENVELOPE_START[k]) {
                return false;
            }
        }
        int i = start + ENVELOPE_START.length;
        while (i < end && isWsp(b[i])) {
            i++;
        }
        return i == end || b[i] != ':';
    }

    /** Whether a field of this name must not be transmitted. */
    static boolean isBccName(String name) {
        return name.equalsIgnoreCase("Bcc") || name.equalsIgnoreCase("Resent-Bcc");
    }
}
