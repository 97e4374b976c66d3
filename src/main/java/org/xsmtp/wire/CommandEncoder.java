package org.xsmtp.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one command line, {@code VERB[ SP args] CRLF}, refusing anything that could end the line early.
 *
 * <p>The check runs on the encoded bytes, not on the characters: whatever the charset does, a CR, LF or NUL
 * byte never reaches the wire inside a command (this is what CVE-2025-7962 got wrong elsewhere, where
 * U+760A and U+760D were truncated to LF and CR). Text is encoded strictly: ASCII by default, UTF-8 once
 * SMTPUTF8 is in use; an unencodable character is rejected rather than replaced.
 */
public final class CommandEncoder {
    private CommandEncoder() {
    }

    /**
     * @param verb the command verb (or a whole line, as smtplib's {@code putcmd} allows)
     * @param args the arguments; empty or null for none (smtplib: no space is added then)
     * @param utf8 whether UTF-8 is allowed (SMTPUTF8); otherwise the line must be ASCII
     * @param secret whether the line carries credentials: error messages then do not show it
     * @return the bytes of the line, CRLF included
     * @throws IllegalArgumentException when the line holds CR, LF or NUL, or characters the charset cannot encode
     */
    public static byte[] encode(String verb, String args, boolean utf8, boolean secret) {
        String line = args == null || args.isEmpty() ? verb : verb + " " + args;
        if (isPrintableAscii(line)) {
            // the common case: printable ASCII holds no CR, LF or NUL and encodes as itself
            int n = line.length();
            byte[] out = new byte[n + 2];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) line.charAt(i);
            }
            out[n] = '\r';
            out[n + 1] = '\n';
            return out;
        }
        byte[] body = strictEncode(line, utf8, secret);
        byte[] out = new byte[body.length + 2];
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '\r' || b == '\n' || b == 0) {
                throw new IllegalArgumentException("command contains a prohibited "
                        + (b == 0 ? "NUL" : b == '\r' ? "CR" : "LF") + " byte at offset " + i
                        + shown(line, secret) + "; remove line breaks and NUL from addresses and parameters");
            }
            out[i] = b;
        }
        out[body.length] = '\r';
        out[body.length + 1] = '\n';
        return out;
    }

    private static byte[] strictEncode(String line, boolean utf8, boolean secret) {
        if (isPrintableAscii(line)) {
            return line.getBytes(StandardCharsets.US_ASCII);
        }
        CharsetEncoder encoder = (utf8 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII).newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(line));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(utf8
                    ? "command is not valid Unicode text" + shown(line, secret)
                    : "command contains non-ASCII characters" + shown(line, secret)
                            + "; non-ASCII addresses need the SMTPUTF8 option and a server that advertises it");
        }
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String line, boolean secret) {
        return secret ? "" : ": " + Escapes.escape(line);
    }
}
