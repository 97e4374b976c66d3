package org.xsmtp.smtp;

/** smtplib's {@code quotedata} on text: CR, LF and CRLF become CRLF, a line-leading dot is doubled. */
final class QuoteData {
    private QuoteData() {
    }

    static String quote(String data) {
        StringBuilder out = new StringBuilder(data.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append("\r\n");
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (c == '.' && lineStart) {
                out.append('.');
            }
            out.append(c);
            lineStart = false;
        }
        return out.toString();
    }
}
