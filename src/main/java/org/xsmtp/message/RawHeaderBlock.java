package org.xsmtp.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The header section of a raw RFC 5322 message, read from a stream without consuming the body.
 *
 * <p>The header section ends after the first empty line, at the end of the input, or before the
 * first line that is neither a field line nor a continuation of a field (for example a line
 * without colon, or a first line starting with white space): such a line is the first line of the
 * body, as in Python's email parser. An mbox {@code From_} line ({@code "From "} and no colon) is
 * skipped, as Python's parser skips it: it neither ends the header section nor is a field. Lines may end
 * in CRLF or bare LF. Field values are decoded as UTF-8 (RFC 6532), undecodable bytes becoming
 * U+FFFD, which {@link AddressParser} refuses in addresses.
 *
 * <p>{@link #remainder()} replays every byte read, header and any body bytes read ahead, then
 * the rest of the input, so the message can be sent unchanged without buffering its body.
 */
public final class RawHeaderBlock implements HeaderSource {

    /** Longest accepted header section, including its terminating empty line: 1 MiB. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int CHUNK = 8192;

    private final InputStream in;
    private byte[] buf = new byte[CHUNK];
    private int count;
    private int headerEnd = -1;
    private final List<String[]> fields = new ArrayList<>();
    private String fieldName;
    private final ByteArrayOutputStream fieldValue = new ByteArrayOutputStream();
    private boolean remainderTaken;

    private RawHeaderBlock(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the header section of a message.
     *
     * @param in the message; read in chunks, possibly past the header section (those bytes are
     *     replayed by {@link #remainder()}); not closed
     * @return the header section
     * @throws IOException if reading fails, or if the header section is longer than
     *     {@link #MAX_HEADER_BYTES}
     */
    public static RawHeaderBlock read(InputStream in) throws IOException {
        RawHeaderBlock block = new RawHeaderBlock(Objects.requireNonNull(in, "in"));
        block.parse();
        return block;
    }

    /**
     * Returns the values of a header field, unfolded, without the white space after the colon.
     *
     * @param name the field name, matched case-insensitively
     * @return the values in message order, empty when absent
     */
    @Override
    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                out.add(field[1]);
            }
        }
        return out;
    }

    /**
     * Returns the exact bytes of the header section.
     *
     * @return a copy of the header bytes, including the empty line that ended them if there was
     *     one
     */
    public byte[] headerBytes() {
        return Arrays.copyOf(buf, headerEnd);
    }

    /**
     * Returns the whole message as read: the header bytes, then the body. Everything already
     * read comes from memory, the rest straight from the input stream.
     *
     * @return a stream of the complete, unmodified message; closing it closes the input stream
     * @throws IllegalStateException if called a second time, since the input can be read once
     */
    public InputStream remainder() {
        if (remainderTaken) {
            throw new IllegalStateException("remainder() can be called only once");
        }
        remainderTaken = true;
        return new SequenceInputStream(new ByteArrayInputStream(buf, 0, count), in);
    }

    private void parse() throws IOException {
        int lineStart = 0;
        int scanFrom = 0;
        boolean eof = false;
        while (headerEnd < 0) {
            int lf = indexOfLf(scanFrom);
            if (lf < 0 && !eof) {
                scanFrom = count;
                if (count - lineStart > MAX_HEADER_BYTES && !endsHeaderBefore(lineStart, count, false)) {
                    throw tooLong();
                }
                eof = !fill();
                continue;
            }
            int lineEnd = lf >= 0 ? lf + 1 : count;
            if (lineStart == lineEnd) {
                headerEnd = lineStart;
            } else if (HeaderSyntax.isEnvelopeLine(buf, lineStart, lineEnd)) {
                if (lineEnd > MAX_HEADER_BYTES) {
                    throw tooLong();
                }
                // an mbox From_ line: neither a field nor the end of the header section
            } else if (endsHeaderBefore(lineStart, lineEnd, true)) {
                headerEnd = lineStart;
            } else {
                if (lineEnd > MAX_HEADER_BYTES) {
                    throw tooLong();
                }
                takeLine(lineStart, lineEnd);
            }
            lineStart = lineEnd;
            scanFrom = lineEnd;
        }
        finishField();
    }

    /**
     * Whether a line is neither a field nor a continuation; for an incomplete line, whether its
     * first bytes already show that.
     */
    private boolean endsHeaderBefore(int start, int end, boolean complete) {
        if (HeaderSyntax.isEnvelopeLine(buf, start, end)) {
            return false;
        }
        if (HeaderSyntax.isWsp(buf[start])) {
            return fieldName == null;
        }
        int i = start;
        while (i < end && HeaderSyntax.isFieldNameByte(buf[i])) {
            i++;
        }
        if (i == start) {
            return !isBlank(start, end);
        }
        while (i < end && HeaderSyntax.isWsp(buf[i])) {
            i++;
        }
        return i < end ? buf[i] != ':' : complete;
    }

    private boolean isBlank(int start, int end) {
        int length = end - start;
        return (length == 1 && buf[start] == '\n') || (length == 2 && buf[start] == '\r' && buf[start + 1] == '\n');
    }

    /** Handles a complete field, continuation or blank line. */
    private void takeLine(int start, int end) {
        if (isBlank(start, end)) {
            headerEnd = end;
            return;
        }
        int contentEnd = end;
        if (buf[contentEnd - 1] == '\n') {
            contentEnd--;
            if (contentEnd > start && buf[contentEnd - 1] == '\r') {
                contentEnd--;
            }
        }
        if (HeaderSyntax.isWsp(buf[start])) {
            fieldValue.write(buf, start, contentEnd - start);
            return;
        }
        finishField();
        int nameEnd = start;
        while (HeaderSyntax.isFieldNameByte(buf[nameEnd])) {
            nameEnd++;
        }
        fieldName = new String(buf, start, nameEnd - start, StandardCharsets.US_ASCII);
        int colon = nameEnd;
        while (buf[colon] != ':') {
            colon++;
        }
        fieldValue.write(buf, colon + 1, contentEnd - colon - 1);
    }

    private void finishField() {
        if (fieldName != null) {
            String value = fieldValue.toString(StandardCharsets.UTF_8);
            int i = 0;
            while (i < value.length() && HeaderSyntax.isWsp(value.charAt(i))) {
                i++;
            }
            fields.add(new String[] {fieldName, value.substring(i)});
            fieldName = null;
            fieldValue.reset();
        }
    }

    private int indexOfLf(int from) {
        for (int i = from; i < count; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads one more chunk; returns false at end of input. */
    private boolean fill() throws IOException {
        if (count + CHUNK > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + CHUNK));
        }
        int n = in.read(buf, count, CHUNK);
        if (n > 0) {
            count += n;
        }
        return n >= 0;
    }

    private static IOException tooLong() {
        return new IOException("message header section is longer than " + MAX_HEADER_BYTES
                + " bytes (no empty line ends it); refusing to buffer it");
    }
}
