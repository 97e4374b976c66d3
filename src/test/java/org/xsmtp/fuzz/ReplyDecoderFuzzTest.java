package org.xsmtp.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.xsmtp.wire.RawReply;
import org.xsmtp.wire.ReplyDecoder;
import org.xsmtp.wire.ReplyFormatException;

/**
 * Coverage-guided fuzzing of {@link ReplyDecoder} (Jazzer): arbitrary bytes fed in arbitrary splits. The
 * decoder may throw nothing but {@link ReplyFormatException}; every reply stays within the caps (text at most
 * {@link ReplyDecoder#MAX_REPLY_BYTES}, at most {@link ReplyDecoder#MAX_REPLY_LINES} lines of at most
 * {@link ReplyDecoder#MAX_LINE_BYTES} bytes); its raw lines are exactly the bytes consumed, one text line
 * each; and the same bytes give the same replies (and the same failure) in one piece, in the fuzzer's split
 * and, for streams up to 1 KiB, byte by byte. Input format: {@link FuzzInput#expanded(byte[])}.
 */
class ReplyDecoderFuzzTest {
    private static final AtomicLong INPUTS = new AtomicLong();

    /** Replies until the first failure, as comparable values, plus the failure's kind. */
    record Decoded(List<String> replies, String failure, byte[] consumed) {
    }

    @FuzzTest(maxDuration = "10s")
    void anySplitGivesTheSameBoundedReplies(byte[] input) {
        INPUTS.incrementAndGet();
        byte[] stream = FuzzInput.expanded(input);
        Decoded whole = decode(new FuzzInput.Feed(stream, FuzzInput.Split.WHOLE));
        Decoded split = decode(new FuzzInput.Feed(stream, FuzzInput.splitSeed(input)));
        assertEquals(whole.replies(), split.replies());
        assertEquals(whole.failure(), split.failure());
        assertArrayEquals(whole.consumed(), split.consumed());
        if (stream.length <= 1024) {
            Decoded bytewise = decode(new FuzzInput.Feed(stream, 0));
            assertEquals(whole.replies(), bytewise.replies());
            assertEquals(whole.failure(), bytewise.failure());
        }
    }

    private static Decoded decode(FuzzInput.Feed feed) {
        ReplyDecoder decoder = new ReplyDecoder(true);
        List<String> replies = new ArrayList<>();
        ByteArrayOutputStream consumed = new ByteArrayOutputStream();
        try {
            for (ByteBuffer piece; (piece = feed.next()) != null; ) {
                for (RawReply r; (r = decoder.decode(piece)) != null; ) {
                    check(r);
                    for (byte[] line : r.rawLines()) {
                        consumed.write(line, 0, line.length);
                    }
                    replies.add(r.code() + " " + new String(r.text(), StandardCharsets.ISO_8859_1));
                }
            }
        } catch (ReplyFormatException e) {
            return new Decoded(replies, e.kind().name(), consumed.toByteArray());
        }
        return new Decoded(replies, null, consumed.toByteArray());
    }

    private static void check(RawReply r) {
        assertTrue(r.code() == -1 || (r.code() >= 0 && r.code() <= 999), "code " + r.code());
        assertTrue(r.text().length <= ReplyDecoder.MAX_REPLY_BYTES, "text of " + r.text().length + " bytes");
        assertTrue(!r.rawLines().isEmpty() && r.rawLines().size() <= ReplyDecoder.MAX_REPLY_LINES,
                r.rawLines().size() + " lines");
        int textLines = 1;
        for (byte b : r.text()) {
            textLines += b == '\n' ? 1 : 0;
        }
        assertEquals(r.rawLines().size(), textLines, "one text line per raw line");
        for (byte[] line : r.rawLines()) {
            assertTrue(line.length <= ReplyDecoder.MAX_LINE_BYTES, "line of " + line.length + " bytes");
            assertEquals('\n', line[line.length - 1]);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("fuzz: ReplyDecoder executed " + INPUTS.get() + " inputs");
    }
}
