package org.xsmtp.message;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Passes a raw RFC 5322 message through while removing every {@code Bcc} and
 * {@code Resent-Bcc} field (names matched case-insensitively), with its continuation lines,
 * from the header section. Everything from the end of the header section on passes untouched.
 *
 * <p>The header section ends at the first empty line, or before the first line that is neither
 * a field line nor a continuation of a field (the same rule as {@link RawHeaderBlock}); mbox
 * {@code From_} lines inside it are dropped and do not end it. Lines
 * may end in CRLF or bare LF. The result does not depend on how the input is split across
 * {@code write} calls.
 *
 * <p>Memory is bounded: only the start of a line that may still turn out to be a
 * {@code Bcc}/{@code Resent-Bcc} field name is held back (the name and any white space before
 * its colon), never a field value. A held-back line start longer than
 * {@link #MAX_HELD_BACK_BYTES}, which takes a name followed by tens of thousands of spaces, is
 * refused with an {@link IOException} rather than risking transmission of a {@code Bcc} field.
 * {@link #flush()} cannot release held-back bytes; {@link #close()} writes them, since an
 * unterminated line is not a field.
 */
public final class BccStrippingOutputStream extends FilterOutputStream {

    /** Largest held-back line start, in bytes: 64 KiB. */
    public static final int MAX_HELD_BACK_BYTES = 64 * 1024;

    private enum State {
        /** At the start of a header line. */
        LINE_START,
        /** Holding back a line start that may be a Bcc field name. */
        HOLDING,
        /** Passing a line whose name is not Bcc; not yet known whether it is a field line. */
        PASSING_NAME,
        /** Passing a field line (or continuation) through to its end. */
        PASSING_FIELD,
        /** Dropping a Bcc field line (or continuation) to its end. */
        DROPPING,
        /** In the body: everything passes. */
        BODY
    }

    private final ByteArrayOutputStream heldBack = new ByteArrayOutputStream();
    private State state = State.LINE_START;
    private boolean sawField;
    private boolean lastFieldHidden;
    private boolean spaceAfterName;
    private boolean heldCarriageReturn;
    /** The held line start is {@code "From "} and white space: an mbox envelope line unless a colon follows. */
    private boolean envelopeCandidate;
    private boolean closed;

    /**
     * Creates the filter.
     *
     * @param out the stream receiving the message without its Bcc fields
     * @throws NullPointerException if {@code out} is {@code null}
     */
    public BccStrippingOutputStream(OutputStream out) {
        super(Objects.requireNonNull(out, "out"));
    }

    /**
     * Filters one byte.
     *
     * @param b the byte
     * @throws IOException if the underlying stream fails or a held-back line start grows past
     *     {@link #MAX_HELD_BACK_BYTES}
     */
    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Filters a range of bytes.
     *
     * @param b the bytes
     * @param off the start of the range
     * @param len the length of the range
     * @throws IOException if the underlying stream fails or a held-back line start grows past
     *     {@link #MAX_HELD_BACK_BYTES}
     * @throws IndexOutOfBoundsException if the range is outside {@code b}
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int i = off;
        while (i < end) {
            if (state == State.BODY) {
                out.write(b, i, end - i);
                return;
            }
            if (state == State.PASSING_FIELD || state == State.DROPPING) {
                int lineEnd = indexOfLf(b, i, end);
                int stop = lineEnd < 0 ? end : lineEnd + 1;
                if (state == State.PASSING_FIELD) {
                    out.write(b, i, stop - i);
                }
                if (lineEnd >= 0) {
                    state = State.LINE_START;
                }
                i = stop;
            } else {
                step(b[i++] & 0xff);
            }
        }
    }

    private void step(int c) throws IOException {
        switch (state) {
            case LINE_START -> lineStart(c);
            case HOLDING -> holding(c);
            case PASSING_NAME -> passingName(c);
            default -> throw new AssertionError(state);
        }
    }

    private void lineStart(int c) throws IOException {
        if (c == '\n') {
            out.write(c);
            state = State.BODY;
        } else if (HeaderSyntax.isWsp(c)) {
            if (!sawField) {
                out.write(c);
                state = State.BODY;
            } else {
                state = lastFieldHidden ? State.DROPPING : State.PASSING_FIELD;
                if (!lastFieldHidden) {
                    out.write(c);
                }
            }
        } else if (c == '\r' || HeaderSyntax.isFieldNameByte(c)) {
            heldBack.write(c);
            heldCarriageReturn = c == '\r';
            spaceAfterName = false;
            envelopeCandidate = false;
            state = State.HOLDING;
            if (!heldCarriageReturn) {
                releaseIfNotBccPrefix();
            }
        } else {
            out.write(c);
            state = State.BODY;
        }
    }

    private void holding(int c) throws IOException {
        if (heldCarriageReturn) {
            // CR LF is the empty line ending the header section; CR anything else is no field.
            releaseHeldBack();
            out.write(c);
            state = State.BODY;
        } else if (c == ':') {
            boolean hidden = HeaderSyntax.isBccName(heldName());
            if (hidden) {
                heldBack.reset();
            } else {
                releaseHeldBack();
                out.write(c);
            }
            fieldStarted(hidden);
        } else if (HeaderSyntax.isWsp(c)) {
            if (!spaceAfterName && c == ' '
                    && heldIs(HeaderSyntax.ENVELOPE_START, HeaderSyntax.ENVELOPE_START.length - 1)) {
                envelopeCandidate = true;
            }
            // The name is complete at its first white space; only a Bcc name (or "From") keeps being held.
            if (!spaceAfterName && !envelopeCandidate && !HeaderSyntax.isBccName(heldName())) {
                releaseHeldBack();
                out.write(c);
                spaceAfterName = true;
                state = State.PASSING_NAME;
                return;
            }
            if (heldBack.size() >= MAX_HELD_BACK_BYTES) {
                throw new IOException("header line starting with '" + heldName() + "' has more than "
                        + MAX_HELD_BACK_BYTES + " bytes of white space before its colon; refusing to"
                        + " decide whether it is a Bcc field");
            }
            heldBack.write(c);
            spaceAfterName = true;
        } else if (HeaderSyntax.isFieldNameByte(c) && !spaceAfterName) {
            heldBack.write(c);
            releaseIfNotBccPrefix();
        } else if (envelopeCandidate) {
            // an mbox From_ line: not transmitted, and the header section goes on (as in Python's parser)
            heldBack.reset();
            state = c == '\n' ? State.LINE_START : State.DROPPING;
        } else {
            releaseHeldBack();
            out.write(c);
            state = State.BODY;
        }
    }

    /** Whether the held bytes are the first {@code n} bytes of {@code start}. */
    private boolean heldIs(byte[] start, int n) {
        if (heldBack.size() != n || n > start.length) {
            return false;
        }
        byte[] held = heldBack.toByteArray();
        for (int k = 0; k < n; k++) {
            if (held[k] != start[k]) {
                return false;
            }
        }
        return true;
    }

    private void passingName(int c) throws IOException {
        out.write(c);
        if (c == ':') {
            fieldStarted(false);
        } else if (HeaderSyntax.isWsp(c)) {
            spaceAfterName = true;
        } else if (!HeaderSyntax.isFieldNameByte(c) || spaceAfterName) {
            state = State.BODY;
        }
    }

    private void fieldStarted(boolean hidden) {
        sawField = true;
        lastFieldHidden = hidden;
        state = hidden ? State.DROPPING : State.PASSING_FIELD;
    }

    /** Stops holding back once the name can no longer become Bcc or Resent-Bcc, or the start of a From_ line. */
    private void releaseIfNotBccPrefix() throws IOException {
        String name = heldName().toLowerCase(Locale.ROOT);
        if (!"bcc".startsWith(name) && !"resent-bcc".startsWith(name)
                && !heldIs(HeaderSyntax.ENVELOPE_START, heldBack.size())) {
            releaseHeldBack();
            state = State.PASSING_NAME;
        }
    }

    private String heldName() {
        return heldBack.toString(StandardCharsets.US_ASCII).strip();
    }

    private void releaseHeldBack() throws IOException {
        heldBack.writeTo(out);
        heldBack.reset();
    }

    private static int indexOfLf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Flushes the underlying stream. Bytes held back at the start of a possible Bcc line stay
     * held back until the line shows what it is.
     *
     * @throws IOException if the underlying stream fails
     */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Writes any held-back bytes (an unterminated line start without colon is not a field), then
     * flushes and closes the underlying stream. Further calls do nothing.
     *
     * @throws IOException if the underlying stream fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (envelopeCandidate && state == State.HOLDING) {
            heldBack.reset(); // "From " and white space up to the end: a From_ line, not transmitted
        }
        releaseHeldBack();
        super.close();
    }
}
