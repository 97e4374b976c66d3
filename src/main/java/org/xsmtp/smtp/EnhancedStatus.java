package org.xsmtp.smtp;

/** Finds an RFC 3463 enhanced status code ({@code class.subject.detail}) at the start of reply text. */
final class EnhancedStatus {
    private EnhancedStatus() {
    }

    static String of(int code, String text) {
        if (code < 200 || code > 599 || text.length() < 5) {
            return null;
        }
        int i = 0;
        char cls = text.charAt(i++);
        if (cls - '0' != code / 100 || text.charAt(i++) != '.') {
            return null;
        }
        int subject = digits(text, i, 3);
        if (subject == 0 || subject + i >= text.length() || text.charAt(i + subject) != '.') {
            return null;
        }
        i += subject + 1;
        int detail = digits(text, i, 3);
        if (detail == 0) {
            return null;
        }
        i += detail;
        if (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\n') {
            return null;
        }
        return text.substring(0, i);
    }

    private static int digits(String s, int from, int max) {
        int n = 0;
        while (n < max && from + n < s.length() && Character.isDigit(s.charAt(from + n))
                && s.charAt(from + n) < 128) {
            n++;
        }
        return n;
    }
}
