package org.xsmtp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction captured by smtp-sink's {@code -d} dump (format in
 * {@code man smtp-sink}): the X-* records smtp-sink writes, then its three-line Received
 * header, then the message. smtp-sink stores the message with every CR removed, the
 * transparency dot of each line removed, and one empty line appended; {@link #content()}
 * is the message without that appended line, so its lines end in LF, not CRLF.
 *
 * @param file        the dump file
 * @param clientProto "SMTP", "ESMTP" or "LMTP"
 * @param heloArgs    argument of the last HELO/EHLO/LHLO, or null if there was none
 * @param mailArgs    everything after "MAIL FROM:", e.g. {@code <a@b> SIZE=10 BODY=8BITMIME}
 * @param rcptArgs    everything after "RCPT TO:", one entry per RCPT command in order
 * @param content     the message as stored (LF line ends), decoded as UTF-8
 */
public record SinkMessage(Path file, String clientProto, String heloArgs, String mailArgs,
                          List<String> rcptArgs, String content) {

    /** Parses one complete dump file. */
    public static SinkMessage parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String proto = null;
        String helo = null;
        String mail = null;
        List<String> rcpts = new ArrayList<>();
        int pos = 0;
        while (true) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                throw new IllegalArgumentException("no Received header in smtp-sink dump " + file + ":\n" + text);
            }
            String line = text.substring(pos, eol);
            pos = eol + 1;
            if (line.startsWith("Received: ")) {
                break;
            }
            String value = line.substring(line.indexOf(':') + 1).strip();
            if (line.startsWith("X-Client-Proto:")) {
                proto = value;
            } else if (line.startsWith("X-Helo-Args:")) {
                helo = value;
            } else if (line.startsWith("X-Mail-Args:")) {
                mail = value;
            } else if (line.startsWith("X-Rcpt-Args:")) {
                rcpts.add(value);
            }
        }
        for (int i = 0; i < 2; i++) { // "\tby ... id ...;" and "\t<date>"
            pos = text.indexOf('\n', pos) + 1;
        }
        String body = text.substring(pos);
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        return new SinkMessage(file, proto, helo, mail, List.copyOf(rcpts), body);
    }
}
