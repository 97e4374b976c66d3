package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.wire.WireBytes.b;
import static org.xsmtp.wire.WireBytes.concat;
import static org.xsmtp.wire.WireBytes.repeat;
import static org.xsmtp.wire.WireBytes.s;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xsmtp.wire.ReplyDecoderTest.Event;
import org.xsmtp.wire.ReplyFormatException.Kind;

/** The line and reply caps of {@link ReplyDecoder}, and that an endless reply cannot grow the heap. */
class ReplyDecoderLimitsTest {
    private static final int LINE = ReplyDecoder.MAX_LINE_BYTES;
    private static final long MIB = 1 << 20;

    @Test
    void theCapsAreThoseOfSmtplib() {
        assertEquals(8192, ReplyDecoder.MAX_LINE_BYTES);
        assertEquals(1000, ReplyDecoder.MAX_REPLY_LINES);
        assertEquals(1 << 20, ReplyDecoder.MAX_REPLY_BYTES);
    }

    // ---------------------------------------------------------------- line cap

    @Test
    void aLineOfExactlyTheCapIsAccepted() throws Exception {
        byte[] crlf = concat(b("250 "), repeat('x', LINE - 6), b("\r\n"));
        byte[] lf = concat(b("250 "), repeat('y', LINE - 5), b("\n"));
        assertEquals(LINE, crlf.length);
        assertEquals(LINE, lf.length);
        for (byte[] wire : List.of(crlf, lf)) {
            ByteBuffer in = ByteBuffer.wrap(wire);
            RawReply reply = new ReplyDecoder().decode(in);
            assertNotNull(reply);
            assertEquals(250, reply.code());
            assertEquals(s(wire).substring(4).strip(), s(reply.text()));
            assertEquals(LINE, in.position());
            assertCapSplits(wire, List.of(ReplyDecoderTest.Event.reply(250, s(wire).substring(4).strip())));
        }
        // The cap holds for every line of a multi-line reply, and for lines without a code.
        byte[] multi = concat(b("250-"), repeat('a', LINE - 6), b("\r\n"), b("250 "), repeat('b', LINE - 6),
                b("\r\n"));
        RawReply reply = new ReplyDecoder().decode(ByteBuffer.wrap(multi));
        assertEquals(2 * (LINE - 6) + 1, reply.text().length);
        byte[] noCode = concat(repeat('z', LINE - 1), b("\n"));
        RawReply junk = new ReplyDecoder().decode(ByteBuffer.wrap(noCode));
        assertEquals(-1, junk.code());
        assertEquals(LINE - 5, junk.text().length);
    }

    @Test
    void aLineOneByteOverTheCapIsRejectedBeforeItsLineFeed() {
        byte[] crlf = concat(b("250 "), repeat('x', LINE - 5), b("\r\n"));
        byte[] lf = concat(b("250 "), repeat('y', LINE - 4), b("\n"));
        byte[] continuation = concat(b("250-"), repeat('y', LINE - 4), b("\n"));
        for (byte[] wire : List.of(crlf, lf, continuation)) {
            assertEquals(LINE + 1, wire.length);
            ReplyDecoder decoder = new ReplyDecoder(true);
            ByteBuffer in = ByteBuffer.wrap(wire);
            ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> decoder.decode(in));
            assertEquals(Kind.LINE_TOO_LONG, e.kind());
            assertTrue(e.getMessage().contains("8192"), e.getMessage());
            // Thrown on the 8192nd byte that is not a line feed: the line feed itself is still unread.
            assertEquals(LINE, in.position());
            assertEquals(1, in.remaining());
            assertFalse(decoder.hasPartialReply());
            // What is left is one empty line, which decodes as a reply of its own (code -1).
            assertCapSplits(wire, List.of(Event.error(Kind.LINE_TOO_LONG), Event.reply(-1, "")));
        }
    }

    @Test
    void theLineCapCountsAcrossFeeds() throws Exception {
        byte[] head = concat(b("250 "), repeat('x', LINE - 5));
        assertEquals(LINE - 1, head.length);

        ReplyDecoder accepting = new ReplyDecoder();
        assertNull(accepting.decode(ByteBuffer.wrap(head)));
        RawReply ok = accepting.decode(ByteBuffer.wrap(b("\n")));
        assertEquals(LINE - 5, ok.text().length);

        ReplyDecoder rejecting = new ReplyDecoder();
        assertNull(rejecting.decode(ByteBuffer.wrap(head)));
        ByteBuffer more = ByteBuffer.wrap(b("\r\n"));
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> rejecting.decode(more));
        assertEquals(Kind.LINE_TOO_LONG, e.kind());
        assertEquals(1, more.position(), "rejected on the first byte past the cap");

        // The cap is per line: a second full-size line after a first one is fine.
        ReplyDecoder twoLines = new ReplyDecoder();
        assertNull(twoLines.decode(ByteBuffer.wrap(concat(b("250-"), repeat('x', LINE - 5), b("\n")))));
        assertNull(twoLines.decode(ByteBuffer.wrap(concat(b("250 "), repeat('x', LINE - 5)))));
        assertNotNull(twoLines.decode(ByteBuffer.wrap(b("\n"))));
    }

    @Test
    void anEndlessLineIsRejectedAsSoonAsTheCapIsCrossed() {
        for (String prefix : List.of("", "250 ", "250-", "xyz", "250-ok\r\n", "250-ok\r\n250-")) {
            byte[] wire = concat(b(prefix), repeat('x', 100_000));
            ByteBuffer in = ByteBuffer.wrap(wire);
            ReplyDecoder decoder = new ReplyDecoder();
            ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> decoder.decode(in));
            assertEquals(Kind.LINE_TOO_LONG, e.kind());
            int lineStart = prefix.lastIndexOf('\n') + 1;
            assertEquals(lineStart + LINE, in.position(), "prefix " + Escapes.escape(prefix));
        }
    }

    // ---------------------------------------------------------------- reply caps

    @Test
    void aThousandLinesAreAcceptedAndOneMoreIsRejected() throws Exception {
        String thousand = "250-\r\n".repeat(999) + "250 \r\n";
        ByteBuffer in = ByteBuffer.wrap(b(thousand));
        RawReply reply = new ReplyDecoder().decode(in);
        assertEquals(250, reply.code());
        assertEquals("\n".repeat(999), s(reply.text()));
        assertFalse(in.hasRemaining());

        ReplyDecoder keeping = new ReplyDecoder(true);
        assertEquals(1000, keeping.decode(ByteBuffer.wrap(b(thousand))).rawLines().size());

        for (String last : List.of("250 \r\n", "250-\r\n")) {
            String tooMany = "250-\r\n".repeat(1000) + last + "220 next\r\n";
            ByteBuffer over = ByteBuffer.wrap(b(tooMany));
            ReplyDecoder decoder = new ReplyDecoder(true);
            ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> decoder.decode(over));
            assertEquals(Kind.REPLY_TOO_LONG, e.kind());
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
            assertEquals(1001 * 6, over.position(), "rejected at the end of line 1001");
            assertFalse(decoder.hasPartialReply());
            RawReply next = decoder.decode(over);
            assertEquals(220, next.code());
            assertEquals(List.of("220 next\r\n"), next.rawLines().stream().map(WireBytes::s).toList());
        }
    }

    /** Lines whose texts joined by LF are exactly {@code textBytes} long; the last line ends the reply. */
    private static byte[] replyWithTextOf(int textBytes) {
        int full = LINE - 6; // text of a full-size "250-" line
        List<byte[]> lines = new ArrayList<>();
        int total = 0;
        while (true) {
            int separator = lines.isEmpty() ? 0 : 1;
            int left = textBytes - total - separator;
            if (left <= full) {
                lines.add(concat(b("250 "), repeat('e', left), b("\r\n")));
                break;
            }
            lines.add(concat(b("250-"), repeat('t', full), b("\r\n")));
            total += separator + full;
        }
        return concat(lines.toArray(new byte[0][]));
    }

    @Test
    void oneMebibyteOfTextIsAcceptedAndOneByteMoreIsRejected() throws Exception {
        byte[] exact = replyWithTextOf(ReplyDecoder.MAX_REPLY_BYTES);
        ByteBuffer in = ByteBuffer.wrap(exact);
        RawReply reply = new ReplyDecoder().decode(in);
        assertNotNull(reply);
        assertEquals(ReplyDecoder.MAX_REPLY_BYTES, reply.text().length);
        assertFalse(in.hasRemaining());

        byte[] over = replyWithTextOf(ReplyDecoder.MAX_REPLY_BYTES + 1);
        assertEquals(exact.length + 1, over.length);
        ByteBuffer overIn = ByteBuffer.wrap(concat(over, b("250 ok\r\n")));
        ReplyDecoder decoder = new ReplyDecoder();
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> decoder.decode(overIn));
        assertEquals(Kind.REPLY_TOO_LONG, e.kind());
        assertEquals(over.length, overIn.position());
        assertEquals("ok", s(decoder.decode(overIn).text()));

        // The same in random feeds (the text cap does not depend on how the bytes arrive).
        assertCapSplits(over, List.of(Event.error(Kind.REPLY_TOO_LONG)));
    }

    // ---------------------------------------------------------------- bounded memory

    /** Bytes of a periodic pattern, generated on the fly and fed in 64 KiB buffers, never held whole. */
    private static final class EndlessFeed {
        final byte[] pattern;
        final long limit;
        long consumed;

        EndlessFeed(byte[] prefix, byte[] pattern, long limit) {
            this.pattern = concat(prefix, pattern);
            this.limit = limit;
            this.prefixLength = prefix.length;
        }

        final int prefixLength;

        /** Feeds until the decoder throws; returns the exception, the count of consumed bytes is kept. */
        ReplyFormatException feed(ReplyDecoder decoder) {
            byte[] chunk = new byte[64 * 1024];
            long produced = 0;
            while (produced < limit) {
                int n = (int) Math.min(chunk.length, limit - produced);
                for (int i = 0; i < n; i++) {
                    long at = produced + i;
                    chunk[i] = at < prefixLength ? pattern[(int) at]
                            : pattern[prefixLength + (int) ((at - prefixLength) % (pattern.length - prefixLength))];
                }
                ByteBuffer in = ByteBuffer.wrap(chunk, 0, n);
                try {
                    while (in.hasRemaining()) {
                        assertNull(decoder.decode(in), "an endless reply must not complete");
                    }
                } catch (ReplyFormatException e) {
                    consumed = produced + in.position();
                    return e;
                }
                produced += n;
            }
            consumed = produced;
            return null;
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    private static final long HUNDRED_MB = 100L * 1000 * 1000;
    private static final long GENEROUS_GROWTH = 16 * MIB;

    @Test
    void anEndlessMultiLineReplyIsRejectedWithinTheTextCapAndKeepsTheHeapSmall() {
        // 250- lines of 8000 bytes: each carries 7994 bytes of text plus the joining LF.
        byte[] line = concat(b("250-"), repeat('x', 8000 - 6), b("\r\n"));
        int lines = 0;
        long text = -1;
        while (text <= ReplyDecoder.MAX_REPLY_BYTES) {
            text += 1 + (8000 - 6);
            lines++;
        }
        long expectedConsumed = (long) lines * 8000;

        for (boolean keepRaw : new boolean[] {false, true}) {
            long before = usedHeap();
            ReplyDecoder decoder = new ReplyDecoder(keepRaw);
            EndlessFeed feed = new EndlessFeed(new byte[0], line, HUNDRED_MB);
            ReplyFormatException e = feed.feed(decoder);
            assertNotNull(e, "100 MB reply accepted");
            assertEquals(Kind.REPLY_TOO_LONG, e.kind());
            assertEquals(expectedConsumed, feed.consumed, "rejected at the end of the line that crosses the cap");
            assertTrue(feed.consumed <= ReplyDecoder.MAX_REPLY_BYTES + LINE + 6L * lines);
            long growth = usedHeap() - before;
            assertTrue(growth < GENEROUS_GROWTH, "heap grew by " + growth + " bytes");
            assertFalse(decoder.hasPartialReply());
        }
    }

    @Test
    void anEndlessReplyOfBlankLinesIsRejectedAtTheLineCap() {
        // Lines of 8192 bytes whose text is all blanks: the text cap never triggers, the line count does.
        byte[] blank = concat(b("250-"), repeat(' ', LINE - 6), b("\r\n"));
        byte[] tiny = b("250-\r\n");
        for (byte[] line : List.of(blank, tiny)) {
            for (boolean keepRaw : new boolean[] {false, true}) {
                long before = usedHeap();
                ReplyDecoder decoder = new ReplyDecoder(keepRaw);
                EndlessFeed feed = new EndlessFeed(new byte[0], line, HUNDRED_MB);
                ReplyFormatException e = feed.feed(decoder);
                assertNotNull(e);
                assertEquals(Kind.REPLY_TOO_LONG, e.kind());
                assertEquals((long) (ReplyDecoder.MAX_REPLY_LINES + 1) * line.length, feed.consumed);
                long growth = usedHeap() - before;
                assertTrue(growth < GENEROUS_GROWTH, "heap grew by " + growth + " bytes");
                assertFalse(decoder.hasPartialReply());
            }
        }
    }

    @Test
    void anEndlessSingleLineIsRejectedAtTheLineCapAndKeepsTheHeapSmall() {
        for (String prefix : List.of("250 ", "250-first\r\n250-")) {
            long before = usedHeap();
            ReplyDecoder decoder = new ReplyDecoder(true);
            EndlessFeed feed = new EndlessFeed(b(prefix), b("0123456789abcdef\t\r"), HUNDRED_MB);
            ReplyFormatException e = feed.feed(decoder);
            assertNotNull(e, "100 MB line accepted");
            assertEquals(Kind.LINE_TOO_LONG, e.kind());
            assertEquals(prefix.lastIndexOf('\n') + 1 + LINE, feed.consumed);
            long growth = usedHeap() - before;
            assertTrue(growth < GENEROUS_GROWTH, "heap grew by " + growth + " bytes");
            assertFalse(decoder.hasPartialReply());
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The splits of a long input that matter: cuts near both ends and near the cap, regularly spaced cuts,
     * one byte at a time and random chunks (fixed seed).
     */
    private static void assertCapSplits(byte[] input, List<Event> expected) {
        List<int[]> ways = new ArrayList<>();
        int n = input.length;
        int step = Math.max(97, n / 8);
        int around = n > 4 * LINE ? 4 : 16;
        for (int cut = 0; cut <= n; cut++) {
            boolean near = cut < around || n - cut < around || Math.abs(cut - LINE) < around || cut % step == 0;
            if (near) {
                ways.add(new int[] {cut, n - cut});
            }
        }
        if (n <= 4 * LINE) {
            int[] single = new int[n];
            Arrays.fill(single, 1);
            ways.add(single);
        }
        java.util.Random random = new java.util.Random(8192);
        for (int round = 0; round < 3; round++) {
            ways.add(WireBytes.randomPieces(n, 1 + random.nextInt(3000), random));
        }
        for (int[] pieces : ways) {
            assertEquals(expected, ReplyDecoderTest.decodeAll(input, pieces, false),
                    () -> "cut as " + WireBytes.describe(pieces));
        }
    }
}
