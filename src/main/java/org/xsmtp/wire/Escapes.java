package org.xsmtp.wire;

/** Python-{@code repr}-like rendering of text and bytes for error messages and the wire trace. */
public final class Escapes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escapes() {
    }

    /**
     * @param s any text
     * @return the text quoted, with CR, LF, TAB, NUL and other controls (C0, DEL and C1) escaped
     */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
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
            int c = b[i] & 0xFF;
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }
}
