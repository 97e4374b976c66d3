package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One message accepted by the aiosmtpd peer: the envelope and session facts it wrote to
 * {@code NNNN.env} and the raw content from {@code NNNN.eml} (as received after
 * dot-unstuffing, CRLF line ends kept).
 *
 * @param helo        argument of the last HELO/EHLO/LHLO
 * @param tls         whether the session was encrypted (STARTTLS or implicit TLS)
 * @param authLogin   the authenticated user name, or "" if none
 * @param mailFrom    the reverse path without angle brackets ("" for the null sender)
 * @param mailOptions MAIL parameters as aiosmtpd kept them (upper-cased)
 * @param smtputf8    whether MAIL carried SMTPUTF8
 * @param rcptTos     recipients accepted at RCPT, in order
 * @param delivered   recipients the DATA reply accepted (LMTP: those with a 2xx line)
 * @param content     the raw message bytes
 */
public record StoredMessage(String helo, boolean tls, String authLogin, String mailFrom, List<String> mailOptions,
                            boolean smtputf8, List<String> rcptTos, List<String> delivered, byte[] content) {

    /** Reads {@code base}.env and {@code base}.eml. */
    public static StoredMessage read(Path envelopeFile) {
        String name = envelopeFile.getFileName().toString();
        Path contentFile = envelopeFile.resolveSibling(name.substring(0, name.length() - ".env".length()) + ".eml");
        try {
            List<String> lines = Files.readAllLines(envelopeFile, StandardCharsets.UTF_8);
            String helo = "";
            boolean tls = false;
            String auth = "";
            String from = "";
            List<String> options = List.of();
            boolean utf8 = false;
            List<String> rcpts = new ArrayList<>();
            List<String> delivered = new ArrayList<>();
            for (String line : lines) {
                int space = line.indexOf(' ');
                String key = line.substring(0, space);
                String value = line.substring(space + 1);
                switch (key) {
                    case "helo": helo = value; break;
                    case "tls": tls = Boolean.parseBoolean(value); break;
                    case "auth": auth = value; break;
                    case "mail_from": from = value; break;
                    case "mail_options": options = value.isEmpty() ? List.of() : List.of(value.split(" ")); break;
                    case "smtputf8": utf8 = Boolean.parseBoolean(value); break;
                    case "rcpt": rcpts.add(value); break;
                    case "delivered": delivered.add(value); break;
                    default: throw new IllegalArgumentException("unknown key in " + envelopeFile + ": " + line);
                }
            }
            return new StoredMessage(helo, tls, auth, from, options, utf8, List.copyOf(rcpts),
                    List.copyOf(delivered), Files.readAllBytes(contentFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content decoded as UTF-8. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
