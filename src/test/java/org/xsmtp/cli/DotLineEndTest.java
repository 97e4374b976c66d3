package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard input's end at a line holding a single dot, as sendmail reads it without -i. */
class DotLineEndTest {
    private static String read(InputStream in) throws IOException {
        return new String(new DotLineEnd(in).readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static String read(String input) throws IOException {
        return read(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theDotLineEndsTheMessageAndIsNotPartOfIt() throws IOException {
        assertEquals("a\n", read("a\n.\nb\n"));
        assertEquals("a\r\n", read("a\r\n.\r\nb\r\n"));
        assertEquals("a\n", read("a\n."));
        assertEquals("", read(".\nb\n"));
        assertEquals("", read(""));
    }

    @Test
    void otherLinesWithDotsAreContent() throws IOException {
        String content = "..\n.x\n .\na.\n.\rx\n. \n";
        assertEquals(content, read(content));
    }

    @Test
    void theDotLineIsFoundWhenItArrivesByteByByte() throws IOException {
        assertEquals("ab\r\n", read(new Trickle("a", "b\r", "\n", ".", "\r", "\n", "never read")));
        assertEquals("ab\n.x\n", read(new Trickle("ab\n", ".", "x\n", ".", "\n")));
    }

    /** A caller that writes the dot line and keeps the pipe open: nothing after it may be read. */
    @Test
    void nothingIsReadAfterTheDotLine() throws IOException {
        assertEquals("hi\n", read(new Trickle("hi\n.\n")));
        assertEquals("hi\n", read(new Trickle("hi\n.", "\r\n")));
    }

    /** Serves its chunks one per read, then fails as a pipe that nobody closes would block. */
    private static final class Trickle extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();

        Trickle(String... chunks) {
            for (String c : List.of(chunks)) {
                this.chunks.add(c.getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            byte[] chunk = chunks.poll();
            if (chunk == null) {
                throw new AssertionError("read past the input: a caller keeping the pipe open would block here");
            }
            if (chunk.length > len) {
                throw new AssertionError("test chunks are small");
            }
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
        }
    }
}
