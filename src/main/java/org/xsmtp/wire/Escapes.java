package org.xsmtp.wire;

/** Python-{@code repr}-like rendering of text and bytes for error messages and the wire trace. */
public final class Escapes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escapes() {
    }

    /**
     * @param s any text
     * @return the text quoted, with CR, LF, TAB, NUL, other controls (C0, DEL and C1) and, as Python's
     *     {@code repr}, every other character that is not printable (line and paragraph separators, format
     *     characters, lone surrogates, unassigned and private-use code points, spaces other than SP) escaped
     */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x100 && (c < 0xA0 || printable(c))) {
                appendEscaped(out, c, 0x9F);
            } else if (printable(c)) {
                out.appendCodePoint(c);
            } else if (c < 0x100) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
            }
        }
        return out.append('\'').toString();
    }

    /** Python's {@code str.isprintable} for one code point at or above U+00A0. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * @param b bytes
     * @param off first byte
     * @param len number of bytes
     * @return Python's {@code repr} of the bytes: {@code b'...'} with escapes for non-printable bytes
     */
    public static String escape(byte[] b, int off, int len) {
        StringBuilder out = new StringBuilder(len + 3).append("b'");
        for (int i = off; i < off + len; i++) {
            appendEscaped(out, b[i] & 0xFF, 0xFF);
        }
        return out.append('\'').toString();
    }

    /** Appends {@code c}, escaped when it is a C0 control or in 0x7F..{@code lastEscaped}. */
    private static void appendEscaped(StringBuilder out, int c, int lastEscaped) {
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case '\'' -> out.append("\\'");
            default -> {
                if (c < 0x20 || (c >= 0x7F && c <= lastEscaped)) {
                    out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append((char) c);
                }
            }
        }
    }
}
