package org.xsmtp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental SMTP reply decoder: feed it bytes in any split, it returns each reply once its last line has
 * arrived. It follows smtplib's reading rules: lines end at LF, the text of a line is what follows the code
 * and the separator trimmed of SP, HTAB, CR and LF, a line whose fourth byte is not {@code -} ends the reply,
 * and a line that does not start with three digits has code -1 and ends the reply (smtplib parses the code
 * with {@code int()}, which also takes {@code 25}, {@code " 25"} or {@code -25}; here those are -1 too).
 *
 * <p>Memory is bounded: a line longer than {@link #MAX_LINE_BYTES} bytes (terminator included, as smtplib's
 * {@code _MAXLINE}) or a reply of more than {@link #MAX_REPLY_LINES} lines or {@link #MAX_REPLY_BYTES} bytes
 * of text is rejected with {@link ReplyFormatException} as soon as the limit is crossed, so an endless reply
 * never grows the heap. Codes that differ between the lines of one reply are rejected too.
 */
public final class ReplyDecoder {
    /** Longest accepted reply line in bytes, CRLF included. */
    public static final int MAX_LINE_BYTES = 8192;
    /** Most lines accepted in one multi-line reply. */
    public static final int MAX_REPLY_LINES = 1000;
    /** Most text bytes accepted in one reply (all lines together). */
    public static final int MAX_REPLY_BYTES = 1 << 20;

    /** Raw lines kept for the trace per reply; beyond this a reply's remaining lines are not kept. */
    private static final int MAX_RAW_KEPT = 64 * 1024;
    private static final int NO_CODE = -2;

    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private byte[] text = new byte[256];
    private int textLength;
    private int lines;
    private int firstCode = NO_CODE;
    private boolean keepRawLines;
    private List<byte[]> rawLines = new ArrayList<>();
    private int rawKept;

    /** A decoder that does not keep raw lines. */
    public ReplyDecoder() {
        this(false);
    }

    /** @param keepRawLines whether replies carry their raw lines (for a wire trace) */
    public ReplyDecoder(boolean keepRawLines) {
        this.keepRawLines = keepRawLines;
    }

    /** @param keep whether replies carry their raw lines from now on (for a wire trace) */
    public void keepRawLines(boolean keep) {
        this.keepRawLines = keep;
    }

    /**
     * Consumes bytes from {@code in} up to the end of one reply.
     *
     * @param in bytes from the server; its position is advanced past what was consumed
     * @return the completed reply, or null when {@code in} ran out first (the partial reply is kept)
     * @throws ReplyFormatException when a bound is crossed or codes differ; the decoder is then reset
     */
    public RawReply decode(ByteBuffer in) throws ReplyFormatException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b != '\n') {
                if (lineLength == MAX_LINE_BYTES - 1) {
                    reset();
                    throw new ReplyFormatException(ReplyFormatException.Kind.LINE_TOO_LONG,
                            "reply line longer than " + MAX_LINE_BYTES + " bytes");
                }
                line[lineLength++] = b;
                continue;
            }
            RawReply done = endLine();
            if (done != null) {
                return done;
            }
        }
        return null;
    }

    /** @return true when part of a reply has been consumed but the reply is not complete */
    public boolean hasPartialReply() {
        return lineLength > 0 || lines > 0;
    }

    /** Forgets any partial reply. */
    public void reset() {
        lineLength = 0;
        textLength = 0;
        lines = 0;
        firstCode = NO_CODE;
        rawLines = new ArrayList<>();
        rawKept = 0;
    }

    private RawReply endLine() throws ReplyFormatException {
        int code = parseCode();
        if (firstCode == NO_CODE) {
            firstCode = code;
        } else if (code != firstCode && code != -1) {
            int first = firstCode;
            reset();
            throw new ReplyFormatException(ReplyFormatException.Kind.MISMATCHED_CODES,
                    "reply lines carry different codes (" + first + " then " + code + ")");
        }
        if (++lines > MAX_REPLY_LINES) {
            reset();
            throw new ReplyFormatException(ReplyFormatException.Kind.REPLY_TOO_LONG,
                    "reply longer than " + MAX_REPLY_LINES + " lines");
        }
        appendText();
        if (keepRawLines && rawKept + lineLength + 1 <= MAX_RAW_KEPT) {
            rawKept += lineLength + 1;
            byte[] raw = new byte[lineLength + 1];
            System.arraycopy(line, 0, raw, 0, lineLength);
            raw[lineLength] = '\n';
            rawLines.add(raw);
        }
        boolean last = code == -1 || lineLength < 4 || line[3] != '-';
        lineLength = 0;
        if (!last) {
            return null;
        }
        byte[] joined = new byte[textLength];
        System.arraycopy(text, 0, joined, 0, textLength);
        RawReply reply = new RawReply(code, joined, keepRawLines ? List.copyOf(rawLines) : List.of());
        reset();
        return reply;
    }

    private int parseCode() {
        if (lineLength < 3) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            code = code * 10 + d;
        }
        return code;
    }

    private void appendText() throws ReplyFormatException {
        int start = Math.min(4, lineLength);
        int end = lineLength;
        while (start < end && isTrimmed(line[start])) {
            start++;
        }
        while (end > start && isTrimmed(line[end - 1])) {
            end--;
        }
        int separator = lines > 1 ? 1 : 0;
        int needed = textLength + separator + (end - start);
        if (needed > MAX_REPLY_BYTES) {
            reset();
            throw new ReplyFormatException(ReplyFormatException.Kind.REPLY_TOO_LONG,
                    "reply longer than " + MAX_REPLY_BYTES + " bytes");
        }
        if (needed > text.length) {
            byte[] bigger = new byte[Math.min(MAX_REPLY_BYTES, Math.max(needed, text.length * 2))];
            System.arraycopy(text, 0, bigger, 0, textLength);
            text = bigger;
        }
        if (separator == 1) {
            text[textLength++] = '\n';
        }
        System.arraycopy(line, start, text, textLength, end - start);
        textLength += end - start;
    }

    private static boolean isTrimmed(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
