package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.wire.WireBytes.b;
import static org.xsmtp.wire.WireBytes.concat;
import static org.xsmtp.wire.WireBytes.s;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** smtplib getreply semantics of {@link ReplyDecoder}, fed in every possible split. */
class ReplyDecoderTest {

    /** One decoded reply or one rejection, with bytes shown one char per byte. */
    record Event(int code, String text, List<String> raw, ReplyFormatException.Kind error) {
        static Event reply(int code, String text) {
            return new Event(code, text, null, null);
        }

        static Event error(ReplyFormatException.Kind kind) {
            return new Event(0, null, null, kind);
        }

        Event withoutRaw() {
            return new Event(code, text, null, error);
        }
    }

    record Case(String wire, List<Event> expected) {
    }

    private static Case c(String wire, Event... expected) {
        return new Case(wire, List.of(expected));
    }

    private static Event r(int code, String text) {
        return Event.reply(code, text);
    }

    /**
     * Test replies: wire bytes (one char per byte) and what smtplib's getreply makes of them, but for codes that
     * are not three digits (-1 here).
     */
    static final List<Case> TABLE = List.of(
            c("250 OK\r\n", r(250, "OK")),
            c("250-a\r\n250-b\r\n250 c\r\n", r(250, "a\nb\nc")),
            c("250\r\n", r(250, "")),
            c("250\n", r(250, "")),
            c("250-\r\n250 x\r\n", r(250, "\nx")),
            c("250-\r\n250-\r\n250\r\n", r(250, "\n\n")),
            c("250 OK\n", r(250, "OK")),
            c("250-a\n250-b\n250 c\n", r(250, "a\nb\nc")),
            c("250-a\r\n250-b\n250 c\r\n", r(250, "a\nb\nc")),
            c("250 text with spaces  \t \r\n", r(250, "text with spaces")),
            c("220 \t  leading blanks\r\n", r(220, "leading blanks")),
            c("250 \r\n", r(250, "")),
            c("250  \t\t  \r\n", r(250, "")),
            c("250-a \t\r\n250 \tb\t\r\n", r(250, "a\nb")),
            c("250 inner\rcr and\ttab\r\n", r(250, "inner\rcr and\ttab")),
            c("250 ends with cr cr\r\r\n", r(250, "ends with cr cr")),
            c("xyz foo\r\n", r(-1, "foo")),
            c("250-a\r\nxyz b\r\n", r(-1, "a\nb")),
            c("250-a\r\n25x-b\r\n", r(-1, "a\nb")),
            c("25\r\n", r(-1, "")), // smtplib: 25 (int() of a short code); xsmtp wants three digits
            c("\r\n", r(-1, "")),
            c("\n", r(-1, "")),
            c("2500 four digits\r\n", r(250, "four digits")),
            c("250+plus\r\n", r(250, "plus")),
            c("550 5.1.1 <a@b>: Recipient address rejected\r\n", r(550, "5.1.1 <a@b>: Recipient address rejected")),
            c("250 \u00ff\u0000bin\u00c0\r\n", r(250, "\u00ff\u0000bin\u00c0")),
            c("250-caf\u00c3\u00a9\r\n250 \u00e9\u00ff\u00fe\r\n", r(250, "caf\u00c3\u00a9\n\u00e9\u00ff\u00fe")),
            c("250-\u0000\r\n250 \u0000\u0000\r\n", r(250, "\u0000\n\u0000\u0000")));

    // ---------------------------------------------------------------- harness

    /** Feeds {@code input} cut into {@code pieces}, decoding every reply and rejection as it completes. */
    static List<Event> decodeAll(byte[] input, int[] pieces, boolean keepRaw) {
        ReplyDecoder decoder = new ReplyDecoder(keepRaw);
        List<Event> events = new ArrayList<>();
        int at = 0;
        for (int piece : pieces) {
            // A fresh buffer per piece, backed by a larger array, so the decoder must honour position/limit.
            byte[] backing = new byte[piece + 6];
            System.arraycopy(input, at, backing, 3, piece);
            ByteBuffer in = ByteBuffer.wrap(backing, 3, piece);
            at += piece;
            while (in.hasRemaining()) {
                try {
                    RawReply reply = decoder.decode(in);
                    if (reply == null) {
                        assertFalse(in.hasRemaining(), "null returned with bytes left");
                        assertEquals(3 + piece, in.position());
                        break;
                    }
                    List<String> raw = new ArrayList<>();
                    for (byte[] line : reply.rawLines()) {
                        raw.add(s(line));
                    }
                    events.add(new Event(reply.code(), s(reply.text()), keepRaw ? raw : null, null));
                    if (!keepRaw) {
                        assertEquals(List.of(), reply.rawLines());
                    }
                } catch (ReplyFormatException e) {
                    events.add(Event.error(e.kind()));
                    assertFalse(decoder.hasPartialReply(), "decoder not reset after " + e.kind());
                }
            }
        }
        assertEquals(input.length, at);
        if (decoder.hasPartialReply()) {
            events.add(new Event(0, "PARTIAL", null, null));
        }
        return events;
    }

    /** Asserts that every way of cutting {@code input} gives {@code expected}. */
    static void assertAllSplits(byte[] input, List<Event> expected, boolean keepRaw) {
        for (int[] pieces : WireBytes.splits(input.length, 0x5EED ^ input.length)) {
            List<Event> got = decodeAll(input, pieces, keepRaw);
            assertEquals(expected, got, () -> "input " + Escapes.escape(input, 0, input.length)
                    + " cut as " + WireBytes.describe(pieces));
        }
    }

    private static List<Event> stripRaw(List<Event> events) {
        return events.stream().map(Event::withoutRaw).toList();
    }

    // ---------------------------------------------------------------- the table

    @Test
    void everyTableReplyDecodesAsSmtplibInEverySplit() {
        for (Case tc : TABLE) {
            byte[] wire = b(tc.wire());
            List<Event> whole = decodeAll(wire, new int[] {wire.length}, false);
            assertEquals(tc.expected(), whole, () -> "reply " + Escapes.escape(tc.wire()));
            assertAllSplits(wire, tc.expected(), false);
            // With raw lines kept: the same replies, and the raw lines are exactly the bytes received.
            List<Event> withRaw = decodeAll(wire, new int[] {wire.length}, true);
            assertEquals(tc.expected(), stripRaw(withRaw));
            assertEquals(tc.wire(), String.join("", withRaw.get(0).raw()));
            assertAllSplits(wire, withRaw, true);
        }
    }

    @Test
    void rawLinesAreTheLinesAsReceived() throws Exception {
        ReplyDecoder decoder = new ReplyDecoder(true);
        RawReply reply = decoder.decode(ByteBuffer.wrap(b("250-a \r\n250-b\n250 c\t\r\n")));
        assertNotNull(reply);
        assertEquals(3, reply.rawLines().size());
        assertEquals("250-a \r\n", s(reply.rawLines().get(0)));
        assertEquals("250-b\n", s(reply.rawLines().get(1)));
        assertEquals("250 c\t\r\n", s(reply.rawLines().get(2)));
        assertEquals("a\nb\nc", s(reply.text()));

        decoder.keepRawLines(false);
        RawReply plain = decoder.decode(ByteBuffer.wrap(b("220 x\r\n")));
        assertEquals(List.of(), plain.rawLines());
        decoder.keepRawLines(true);
        RawReply again = decoder.decode(ByteBuffer.wrap(b("221 y\r\n")));
        assertEquals(1, again.rawLines().size());
        assertEquals("221 y\r\n", s(again.rawLines().get(0)));
    }

    @Test
    void concatenationsOfTableRepliesDecodeAsTheSequenceInEverySplit() {
        // All replies back to back, as a pipelining server sends them.
        List<Event> expectedAll = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Case tc : TABLE) {
            all.append(tc.wire());
            expectedAll.addAll(tc.expected());
        }
        byte[] wire = b(all.toString());
        assertAllSplits(wire, expectedAll, false);
        List<Event> withRaw = decodeAll(wire, new int[] {wire.length}, true);
        assertEquals(expectedAll, stripRaw(withRaw));
        StringBuilder rawJoined = new StringBuilder();
        withRaw.forEach(e -> e.raw().forEach(rawJoined::append));
        assertEquals(all.toString(), rawJoined.toString());
        assertAllSplits(wire, withRaw, true);

        // Every ordered pair, and a few random longer sequences (fixed seed).
        for (Case first : TABLE) {
            for (Case second : TABLE) {
                byte[] pair = b(first.wire() + second.wire());
                List<Event> expected = new ArrayList<>(first.expected());
                expected.addAll(second.expected());
                assertEquals(expected, decodeAll(pair, new int[] {pair.length}, false));
                int[] single = new int[pair.length];
                java.util.Arrays.fill(single, 1);
                assertEquals(expected, decodeAll(pair, single, false));
            }
        }
        Random random = new Random(7962);
        for (int round = 0; round < 50; round++) {
            StringBuilder seq = new StringBuilder();
            List<Event> expected = new ArrayList<>();
            for (int k = 0; k < 2 + random.nextInt(5); k++) {
                Case tc = TABLE.get(random.nextInt(TABLE.size()));
                seq.append(tc.wire());
                expected.addAll(tc.expected());
            }
            assertAllSplits(b(seq.toString()), expected, false);
        }
    }

    @Test
    void pipelinedRepliesLeaveThePositionAtTheStartOfTheNextReply() throws Exception {
        String first = "250-PIPELINING\r\n250 SIZE 1000\r\n";
        String second = "250 2.1.0 Ok\n";
        String third = "554 no\r\n";
        ByteBuffer in = ByteBuffer.wrap(b(first + second + third + "25"));
        ReplyDecoder decoder = new ReplyDecoder();

        RawReply one = decoder.decode(in);
        assertEquals(250, one.code());
        assertEquals("PIPELINING\nSIZE 1000", s(one.text()));
        assertEquals(first.length(), in.position());
        assertFalse(decoder.hasPartialReply());

        RawReply two = decoder.decode(in);
        assertEquals(250, two.code());
        assertEquals("2.1.0 Ok", s(two.text()));
        assertEquals(first.length() + second.length(), in.position());

        RawReply three = decoder.decode(in);
        assertEquals(554, three.code());
        assertEquals("no", s(three.text()));
        assertEquals(first.length() + second.length() + third.length(), in.position());

        assertNull(decoder.decode(in));
        assertFalse(in.hasRemaining());
        assertTrue(decoder.hasPartialReply());
        RawReply four = decoder.decode(ByteBuffer.wrap(b("1 bye\r\n")));
        assertEquals(251, four.code());
        assertEquals("bye", s(four.text()));
    }

    @Test
    void decodingAnEmptyBufferReturnsNull() throws Exception {
        ReplyDecoder decoder = new ReplyDecoder();
        assertNull(decoder.decode(ByteBuffer.allocate(0)));
        assertFalse(decoder.hasPartialReply());
    }

    // ---------------------------------------------------------------- bytes that are not UTF-8

    @Test
    void nonUtf8BytesAreKeptWithoutLoss() throws Exception {
        // Line ends and the trimmed blanks cannot survive inside a line; everything else must.
        byte[] kept = new byte[256 - 2];
        int k = 0;
        for (int i = 0; i < 256; i++) {
            if (i != '\n' && i != '\r') {
                kept[k++] = (byte) i;
            }
        }
        kept = java.util.Arrays.copyOf(kept, k);
        // Surround by non-blank bytes so that nothing inside is trimmed.
        byte[] body = concat(b("<"), kept, b(">"));
        byte[] wire = concat(b("250 "), body, b("\r\n"));
        RawReply reply = new ReplyDecoder().decode(ByteBuffer.wrap(wire));
        assertEquals(250, reply.code());
        assertArrayEquals(body, reply.text());
        assertArrayEquals(body, LosslessText.encode(LosslessText.decode(reply.text())));

        byte[] ff = b("550 \u00ff\u0000\u00ed\u00a0\u0080\u00c0\u00af\r\n");
        RawReply bad = new ReplyDecoder().decode(ByteBuffer.wrap(ff));
        assertEquals(b("\u00ff\u0000\u00ed\u00a0\u0080\u00c0\u00af").length, bad.text().length);
        assertArrayEquals(b("\u00ff\u0000\u00ed\u00a0\u0080\u00c0\u00af"), bad.text());
        assertArrayEquals(bad.text(), LosslessText.encode(LosslessText.decode(bad.text())));
        assertEquals("\udcff\u0000\udced\udca0\udc80\udcc0\udcaf", LosslessText.decode(bad.text()));
    }

    // ---------------------------------------------------------------- codes

    @Test
    void mismatchedCodesInOneReplyAreRejected() {
        ReplyDecoder decoder = new ReplyDecoder();
        ByteBuffer in = ByteBuffer.wrap(b("250-a\r\n550 b\r\n220 next\r\n"));
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> decoder.decode(in));
        assertEquals(ReplyFormatException.Kind.MISMATCHED_CODES, e.kind());
        assertTrue(e.getMessage().contains("250") && e.getMessage().contains("550"), e.getMessage());
        assertEquals("250-a\r\n550 b\r\n".length(), in.position());
        assertFalse(decoder.hasPartialReply());

        // Mismatch on a continuation line, and in every split.
        assertAllSplits(b("250-a\r\n251-b\r\n250 c\r\n"),
                List.of(Event.error(ReplyFormatException.Kind.MISMATCHED_CODES), r(250, "c")), false);
        assertAllSplits(b("250-a\r\n550 b\r\n"), List.of(Event.error(ReplyFormatException.Kind.MISMATCHED_CODES)),
                false);
        // A -1 line is not a mismatch: it ends the reply (smtplib).
        assertAllSplits(b("250-a\r\n5x0 b\r\n"), List.of(r(-1, "a\nb")), false);
    }

    // ---------------------------------------------------------------- partial replies and reset

    @Test
    void hasPartialReplyAndReset() throws Exception {
        ReplyDecoder decoder = new ReplyDecoder();
        assertFalse(decoder.hasPartialReply());
        assertNull(decoder.decode(ByteBuffer.wrap(b("2"))));
        assertTrue(decoder.hasPartialReply());
        assertNull(decoder.decode(ByteBuffer.wrap(b("50-first\r"))));
        assertTrue(decoder.hasPartialReply());
        assertNull(decoder.decode(ByteBuffer.wrap(b("\n"))));
        assertTrue(decoder.hasPartialReply(), "a complete continuation line is still a partial reply");
        RawReply done = decoder.decode(ByteBuffer.wrap(b("250 last\r\n")));
        assertEquals("first\nlast", s(done.text()));
        assertFalse(decoder.hasPartialReply());

        // An empty line is a (code -1) reply of its own, not a partial one.
        assertEquals(-1, decoder.decode(ByteBuffer.wrap(b("\n"))).code());
        assertFalse(decoder.hasPartialReply());

        // reset() forgets a partial line ...
        assertNull(decoder.decode(ByteBuffer.wrap(b("550 half"))));
        decoder.reset();
        assertFalse(decoder.hasPartialReply());
        RawReply fresh = decoder.decode(ByteBuffer.wrap(b("220 ready\r\n")));
        assertEquals(220, fresh.code());
        assertEquals("ready", s(fresh.text()));

        // ... and the lines of a partial multi-line reply, including its code.
        assertNull(decoder.decode(ByteBuffer.wrap(b("250-a\r\n250-b\r\n"))));
        decoder.reset();
        assertFalse(decoder.hasPartialReply());
        RawReply other = decoder.decode(ByteBuffer.wrap(b("421 bye\r\n")));
        assertEquals(421, other.code());
        assertEquals("bye", s(other.text()));

        // The raw lines of a forgotten reply do not leak into the next one.
        ReplyDecoder raw = new ReplyDecoder(true);
        assertNull(raw.decode(ByteBuffer.wrap(b("250-old\r\n"))));
        raw.reset();
        RawReply clean = raw.decode(ByteBuffer.wrap(b("220 new\r\n")));
        assertEquals(1, clean.rawLines().size());
        assertEquals("220 new\r\n", s(clean.rawLines().get(0)));
    }

    @Test
    void theDecoderIsUsableAfterARejection() throws Exception {
        ReplyDecoder decoder = new ReplyDecoder(true);
        assertThrows(ReplyFormatException.class, () -> decoder.decode(ByteBuffer.wrap(b("250-a\r\n550 b\r\n"))));
        RawReply next = decoder.decode(ByteBuffer.wrap(b("220 ok\r\n")));
        assertEquals(220, next.code());
        assertEquals("ok", s(next.text()));
        assertEquals(1, next.rawLines().size());
    }
}
