package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.message.TestMessages.crlf;
import static org.xsmtp.message.TestMessages.raw;
import static org.xsmtp.message.TestMessages.utf8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawHeaderBlockTest {

    /** Returns at most one byte per read call. */
    private static InputStream trickle(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void returnsValuesCaseInsensitivelyInOrder() {
        RawHeaderBlock block = raw(crlf("To: a@x", "Subject: hi", "TO: b@y", "", "To: body@z"));
        assertEquals(List.of("a@x", "b@y"), block.values("to"));
        assertEquals(List.of("hi"), block.values("SUBJECT"));
        assertEquals(List.of(), block.values("Cc"));
    }

    @Test
    void unfoldsContinuationLines() {
        RawHeaderBlock block = raw(crlf("To: a@x,", " b@y,", "\tc@z", "Subject: s", ""));
        assertEquals(List.of("a@x, b@y,\tc@z"), block.values("To"));
        assertEquals(List.of("s"), block.values("Subject"));
    }

    @Test
    void stripsWhiteSpaceAfterColonOnly() {
        RawHeaderBlock block = raw(crlf("Subject: \t hello  ", "Empty:", "Tight:x", "Spaced : y", ""));
        assertEquals(List.of("hello  "), block.values("Subject"));
        assertEquals(List.of(""), block.values("Empty"));
        assertEquals(List.of("x"), block.values("Tight"));
        assertEquals(List.of("y"), block.values("Spaced"));
    }

    @Test
    void acceptsBareLfLineEnds() throws IOException {
        byte[] message = utf8("To: a@x,\n b@y\nCc: c@z\n\nbody\n");
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(message));
        assertEquals(List.of("a@x, b@y"), block.values("To"));
        assertEquals(List.of("c@z"), block.values("Cc"));
        assertArrayEquals(utf8("To: a@x,\n b@y\nCc: c@z\n\n"), block.headerBytes());
    }

    @Test
    void headerBytesEndWithTheEmptyLine() {
        RawHeaderBlock block = raw(crlf("From: f@x", "To: t@x", "", "body", "more"));
        assertArrayEquals(utf8(crlf("From: f@x", "To: t@x", "")), block.headerBytes());
    }

    @Test
    void remainderReplaysTheMessageByteForByte() throws IOException {
        byte[] header = utf8(crlf("From: f@x", "To: t@x", "Subject: big", ""));
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(body);
        byte[] message = concat(header, body);
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(message));
        assertArrayEquals(header, block.headerBytes());
        assertEquals(List.of("big"), block.values("Subject"));
        try (InputStream in = block.remainder()) {
            assertArrayEquals(message, in.readAllBytes());
        }
    }

    @Test
    void worksWithOneByteReads() throws IOException {
        byte[] message = utf8(crlf("To: a@x,", " b@y", "", "body"));
        RawHeaderBlock block = RawHeaderBlock.read(trickle(message));
        assertEquals(List.of("a@x, b@y"), block.values("To"));
        assertArrayEquals(message, block.remainder().readAllBytes());
    }

    @Test
    void remainderCanBeTakenOnce() {
        RawHeaderBlock block = raw(crlf("To: a@x", ""));
        block.remainder();
        assertThrows(IllegalStateException.class, block::remainder);
    }

    @Test
    void messageWithoutBodyEndsAtEndOfInput() throws IOException {
        byte[] message = utf8("To: a@x\r\nSubject: last");
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(message));
        assertEquals(List.of("last"), block.values("Subject"));
        assertArrayEquals(message, block.headerBytes());
        assertArrayEquals(message, block.remainder().readAllBytes());
    }

    @Test
    void emptyInputHasNoFields() throws IOException {
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(new byte[0]));
        assertEquals(List.of(), block.values("To"));
        assertEquals(0, block.headerBytes().length);
        assertEquals(0, block.remainder().readAllBytes().length);
    }

    @Test
    void lineThatIsNotAFieldStartsTheBody() throws IOException {
        byte[] message = utf8(crlf("To: a@x", "this is not a header", "Cc: c@z", "", "body"));
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(message));
        assertEquals(List.of("a@x"), block.values("To"));
        assertEquals(List.of(), block.values("Cc"));
        assertArrayEquals(utf8(crlf("To: a@x")), block.headerBytes());
        assertArrayEquals(message, block.remainder().readAllBytes());
    }

    @Test
    void fieldNameWithoutColonStartsTheBody() {
        RawHeaderBlock block = raw(crlf("To: a@x", "NoColon", "Cc: c@z", ""));
        assertEquals(List.of(), block.values("Cc"));
        assertArrayEquals(utf8(crlf("To: a@x")), block.headerBytes());
    }

    @Test
    void mboxFromLinesAreSkippedAsPythonsParserSkipsThem() {
        // Python: a leading "From " line is the unix-from, a later one a misplaced envelope header; neither is a
        // field, and the header section goes on after them
        String head = crlf("From joe@x Mon Jan  1 00:00:00 2024", "To: a@x", "From b@x Tue", "Bcc: s@x", "");
        RawHeaderBlock block = raw(head + "body\r\n");
        assertEquals(List.of("a@x"), block.values("To"));
        assertEquals(List.of("s@x"), block.values("Bcc"));
        assertEquals(List.of(), block.values("From"));
        assertEquals(head, new String(block.headerBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void fromAndATabIsNoFromLineButTheStartOfTheBody() {
        RawHeaderBlock block = raw(crlf("To: a@x", "From\tfoo", "Bcc: s@x", "", "body"));
        assertEquals(List.of("a@x"), block.values("To"));
        assertEquals(List.of(), block.values("Bcc"));
    }

    @Test
    void anObsoleteFromFieldIsAField() {
        RawHeaderBlock block = raw(crlf("From : f@x", "To: a@x", ""));
        assertEquals(List.of("f@x"), block.values("From"));
    }

    @Test
    void leadingContinuationLineMeansNoHeader() {
        RawHeaderBlock block = raw(crlf(" orphan", "To: a@x", ""));
        assertEquals(List.of(), block.values("To"));
    }

    @Test
    void decodesUtf8AndMarksUndecodableBytes() throws IOException {
        RawHeaderBlock block = raw(crlf("From: Jörg <jörg@exämple.de>", ""));
        assertEquals(List.of("Jörg <jörg@exämple.de>"), block.values("From"));
        byte[] latin1 = {'F', 'r', 'o', 'm', ':', ' ', 'j', (byte) 0xF6, 'r', 'g', '@', 'x', '\r', '\n', '\r', '\n'};
        RawHeaderBlock legacy = RawHeaderBlock.read(new ByteArrayInputStream(latin1));
        assertEquals(List.of("j\uFFFDrg@x"), legacy.values("From"));
        assertEquals(List.of(), AddressParser.parseList(legacy.values("From")));
    }

    @Test
    void refusesHeaderSectionOverOneMebibyte() {
        String longField = "X-Filler: " + "a".repeat(1000) + "\r\n";
        String header = longField.repeat(RawHeaderBlock.MAX_HEADER_BYTES / longField.length() + 1);
        IOException e = assertThrows(IOException.class,
                () -> RawHeaderBlock.read(new ByteArrayInputStream(utf8(header + "\r\nbody"))));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    @Test
    void refusesSingleFieldLineOverOneMebibyte() {
        String header = "X-Filler: " + "a".repeat(RawHeaderBlock.MAX_HEADER_BYTES + 10);
        assertThrows(IOException.class, () -> RawHeaderBlock.read(new ByteArrayInputStream(utf8(header))));
    }

    @Test
    void acceptsHeaderSectionOfExactlyOneMebibyte() throws IOException {
        String start = "X-Filler: ";
        String header = start + "a".repeat(RawHeaderBlock.MAX_HEADER_BYTES - start.length() - 4) + "\r\n\r\n";
        assertEquals(RawHeaderBlock.MAX_HEADER_BYTES, header.length());
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(utf8(header + "body")));
        assertEquals(RawHeaderBlock.MAX_HEADER_BYTES, block.headerBytes().length);
    }

    @Test
    void longBodyLineWithoutHeaderIsNotRefused() throws IOException {
        byte[] message = utf8("Hello world " + "x".repeat(2 * RawHeaderBlock.MAX_HEADER_BYTES));
        RawHeaderBlock block = RawHeaderBlock.read(new ByteArrayInputStream(message));
        assertEquals(0, block.headerBytes().length);
        assertArrayEquals(message, block.remainder().readAllBytes());
    }
}
