package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.wire.WireBytes.b;
import static org.xsmtp.wire.WireBytes.s;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 3030 framing by {@link BdatChunker}, observed through a recording sink. */
class BdatChunkerTest {

    /** Records every chunk as {@code command + data}, copying the data while it is valid. */
    static final class Recorder implements BdatChunker.ChunkSink {
        final List<String> chunks = new ArrayList<>();
        final List<Boolean> lasts = new ArrayList<>();
        final ByteArrayOutputStream content = new ByteArrayOutputStream();

        @Override
        public void chunk(byte[] command, byte[] data, int off, int len, boolean last) {
            String line = s(command);
            assertEquals("BDAT " + len + (last ? " LAST" : "") + "\r\n", line);
            chunks.add(line + s(data, off, len));
            lasts.add(last);
            content.write(data, off, len);
        }

        /** Checks that the chunks are well framed: exactly one LAST chunk, and it comes last. */
        void assertFramed() {
            assertTrue(!lasts.isEmpty(), "no chunk at all");
            assertEquals(Boolean.TRUE, lasts.get(lasts.size() - 1), "the last chunk is not LAST");
            assertEquals(1, lasts.stream().filter(l -> l).count(), "LAST more than once");
        }
    }

    private static Recorder run(int chunkSize, String... writes) throws IOException {
        Recorder recorder = new Recorder();
        BdatChunker chunker = new BdatChunker(chunkSize, recorder);
        for (String w : writes) {
            chunker.write(b(w));
        }
        chunker.finish();
        recorder.assertFramed();
        return recorder;
    }

    @Test
    void commandLines() {
        assertEquals("BDAT 0 LAST\r\n", s(BdatChunker.command(0, true)));
        assertEquals("BDAT 1\r\n", s(BdatChunker.command(1, false)));
        assertEquals("BDAT 65536\r\n", s(BdatChunker.command(65536, false)));
        assertEquals("BDAT 4294967296 LAST\r\n", s(BdatChunker.command(4294967296L, true)));
    }

    @Test
    void emptyContentIsOneEmptyLastChunk() throws IOException {
        assertEquals(List.of("BDAT 0 LAST\r\n"), run(8).chunks);
        assertEquals(List.of("BDAT 0 LAST\r\n"), run(8, "", "").chunks);
    }

    @Test
    void contentSmallerThanOneChunkIsOneLastChunk() throws IOException {
        assertEquals(List.of("BDAT 5 LAST\r\nhello"), run(8, "hello").chunks);
        assertEquals(List.of("BDAT 5 LAST\r\nhello"), run(8, "he", "", "llo").chunks);
        assertEquals(List.of("BDAT 6 LAST\r\na\r\n.\r\n"), run(8, "a\r\n.\r\n").chunks, "no dot handling");
    }

    @Test
    void exactMultiplesOfTheChunkSize() throws IOException {
        assertEquals(List.of("BDAT 4 LAST\r\nabcd"), run(4, "abcd").chunks);
        assertEquals(List.of("BDAT 4 LAST\r\nabcd"), run(4, "ab", "cd").chunks);
        assertEquals(List.of("BDAT 4\r\nabcd", "BDAT 4 LAST\r\nefgh"), run(4, "abcd", "efgh").chunks);
        assertEquals(List.of("BDAT 4\r\nabcd", "BDAT 4\r\nefgh", "BDAT 4 LAST\r\nijkl"),
                run(4, "a", "bcdefg", "hijkl").chunks);
        String[] bytes = "abcdefghijkl".split("");
        assertEquals(List.of("BDAT 4\r\nabcd", "BDAT 4\r\nefgh", "BDAT 4 LAST\r\nijkl"), run(4, bytes).chunks);
        // One byte over: a short LAST chunk.
        assertEquals(List.of("BDAT 4\r\nabcd", "BDAT 1 LAST\r\ne"), run(4, "abcd", "e").chunks);
    }

    @Test
    void aSingleWriteLargerThanTheChunkSize() throws IOException {
        // Sent as one chunk without a copy; one byte stays behind so the LAST chunk is not empty.
        assertEquals(List.of("BDAT 9\r\n012345678", "BDAT 1 LAST\r\n9"), run(4, "0123456789").chunks);
        // The buffer is filled and sent first; the rest of a large write then goes out as its own chunk.
        assertEquals(List.of("BDAT 4\r\n0123", "BDAT 4\r\n4567", "BDAT 4\r\n89ab", "BDAT 1 LAST\r\nc"),
                run(4, "012", "345678", "9abc").chunks);
        assertEquals(List.of("BDAT 4\r\n0123", "BDAT 6\r\n456789", "BDAT 4\r\nabcd", "BDAT 1 LAST\r\ne"),
                run(4, "012", "3456789a", "bcde").chunks);
        assertEquals(List.of("BDAT 4\r\nxxxx", "BDAT 8\r\n01234567", "BDAT 1 LAST\r\n8"),
                run(4, "xxxx", "012345678").chunks);
        // A write of exactly the chunk size into an empty buffer is buffered, not sent at once.
        assertEquals(List.of("BDAT 4 LAST\r\n0123"), run(4, "0123").chunks);
        // Big writes: every byte arrives once, in order.
        byte[] big = new byte[100_000];
        new Random(3030).nextBytes(big);
        Recorder recorder = new Recorder();
        BdatChunker chunker = new BdatChunker(4096, recorder);
        chunker.write(big, 0, 1);
        chunker.write(big, 1, 70_000);
        chunker.write(big, 70_001, big.length - 70_001);
        chunker.finish();
        recorder.assertFramed();
        assertEquals(s(big), s(recorder.content.toByteArray()));
    }

    @Test
    void randomSplitsKeepTheContentAndTheFraming() throws IOException {
        Random random = new Random(30301);
        for (int round = 0; round < 500; round++) {
            int chunkSize = 1 + random.nextInt(40);
            byte[] content = new byte[random.nextInt(300)];
            random.nextBytes(content);
            int[] pieces = WireBytes.randomPieces(content.length, 1 + random.nextInt(120), random);
            Recorder recorder = new Recorder();
            BdatChunker chunker = new BdatChunker(chunkSize, recorder);
            int at = 0;
            for (int piece : pieces) {
                if (piece == 1 && random.nextBoolean()) {
                    chunker.write(content[at]);
                } else {
                    byte[] padded = new byte[piece + 10];
                    System.arraycopy(content, at, padded, 5, piece);
                    chunker.write(padded, 5, piece);
                }
                at += piece;
            }
            chunker.finish();
            String label = "chunk size " + chunkSize + ", " + content.length + " bytes cut as "
                    + WireBytes.describe(pieces);
            recorder.assertFramed();
            assertEquals(s(content), s(recorder.content.toByteArray()), label);
            int largestWrite = 0;
            for (int p : pieces) {
                largestWrite = Math.max(largestWrite, p);
            }
            for (int i = 0; i < recorder.chunks.size(); i++) {
                String chunk = recorder.chunks.get(i);
                int len = chunk.length() - chunk.indexOf("\r\n") - 2;
                boolean last = i == recorder.chunks.size() - 1;
                // Only the LAST chunk of empty content is empty; no chunk exceeds the larger of the chunk
                // size and the largest single write.
                assertTrue(len > 0 || (last && content.length == 0), label);
                assertTrue(len <= Math.max(chunkSize, largestWrite), label);
            }
        }
    }

    @Test
    void writesAfterFinishFailAndFinishIsOnce() throws IOException {
        Recorder recorder = new Recorder();
        BdatChunker chunker = new BdatChunker(4, recorder);
        chunker.write(b("ab"));
        chunker.finish();
        assertThrows(IOException.class, () -> chunker.write('c'));
        assertThrows(IOException.class, () -> chunker.write(b("cdefgh")));
        assertThrows(IOException.class, () -> chunker.write(new byte[0], 0, 0));
        chunker.finish();
        assertEquals(List.of("BDAT 2 LAST\r\nab"), recorder.chunks);
    }

    @Test
    void aSinkFailureReachesTheWriter() throws IOException {
        IOException stop = new IOException("server said 552");
        BdatChunker chunker = new BdatChunker(4, (command, data, off, len, last) -> {
            throw stop;
        });
        chunker.write(b("abc"));
        assertSame(stop, assertThrows(IOException.class, () -> chunker.write(b("defgh"))));
        BdatChunker atEnd = new BdatChunker(4, (command, data, off, len, last) -> {
            throw stop;
        });
        assertSame(stop, assertThrows(IOException.class, atEnd::finish));
    }

    @Test
    void aChunkSizeBelowOneIsRefused() {
        // With a chunk size of 0, the first write used to loop for ever, sending "BDAT 0" chunks.
        Recorder recorder = new Recorder();
        assertThrows(IllegalArgumentException.class, () -> new BdatChunker(0, recorder));
        assertThrows(IllegalArgumentException.class, () -> new BdatChunker(-1, recorder));
        assertEquals(List.of(), recorder.chunks);
    }

    @Test
    void aChunkSizeOfOneWorks() throws IOException {
        assertEquals(List.of("BDAT 1\r\na", "BDAT 1\r\nb", "BDAT 1 LAST\r\nc"), run(1, "a", "b", "c").chunks);
        assertEquals(List.of("BDAT 2\r\nab", "BDAT 1 LAST\r\nc"), run(1, "abc").chunks);
    }

    @Test
    void invalidRangesAreRefusedBeforeAnythingIsSent() throws IOException {
        // OutputStream.write(b, off, len) must throw IndexOutOfBoundsException for a bad range. The chunker
        // used to hand a range past the end of the array to the sink, which sends "BDAT n" before the data
        // write fails, leaving the session out of step with the server.
        Recorder recorder = new Recorder();
        BdatChunker chunker = new BdatChunker(2, recorder);
        byte[] four = b("abcd");
        assertThrows(IndexOutOfBoundsException.class, () -> chunker.write(four, 0, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> chunker.write(four, 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> chunker.write(four, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> chunker.write(four, 0, -1));
        assertEquals(List.of(), recorder.chunks, "nothing reached the sink");
        chunker.write(four, 1, 2);
        chunker.finish();
        assertEquals(List.of("BDAT 2 LAST\r\nbc"), recorder.chunks);
    }
}
