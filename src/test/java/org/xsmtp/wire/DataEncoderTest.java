package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.wire.WireBytes.b;
import static org.xsmtp.wire.WireBytes.s;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Exact output of {@link DataEncoder} in DATA and BDAT modes, whatever the write boundaries. */
class DataEncoderTest {

    // ---------------------------------------------------------------- reference model

    /** Every CRLF, bare CR and bare LF becomes CRLF; nothing is added at the end. */
    static byte[] normalizeLineEnds(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\r') {
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
            } else if (in[i] == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    /** Normalised line ends plus a final CRLF when missing (an empty message is one empty line). */
    static byte[] normalize(byte[] in) {
        String n = s(normalizeLineEnds(in));
        if (n.isEmpty() || !n.endsWith("\r\n")) {
            n += "\r\n";
        }
        return b(n);
    }

    /** The DATA form of the normalised content: dot-stuffed lines and the terminator. */
    static String expectedData(byte[] in) {
        String n = s(normalize(in));
        StringBuilder out = new StringBuilder();
        for (String line : n.substring(0, n.length() - 2).split("\r\n", -1)) {
            if (line.startsWith(".")) {
                out.append('.');
            }
            out.append(line).append("\r\n");
        }
        return out.append(".\r\n").toString();
    }

    /** Undoes DATA framing as a receiving server does: strip the terminator and one dot per dotted line. */
    static String unstuff(String data) {
        assertTrue(data.endsWith("\r\n.\r\n"), () -> "no terminator: " + Escapes.escape(data));
        String body = data.substring(0, data.length() - 3);
        StringBuilder out = new StringBuilder();
        for (String line : body.substring(0, body.length() - 2).split("\r\n", -1)) {
            out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return out.toString();
    }

    /** The invariants that make smuggling impossible, checked on the encoder's DATA output. */
    static void assertSafeData(String data) {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r') {
                assertTrue(i + 1 < data.length() && data.charAt(i + 1) == '\n',
                        () -> "bare CR in " + Escapes.escape(data));
            } else if (c == '\n') {
                assertTrue(i > 0 && data.charAt(i - 1) == '\r', () -> "bare LF in " + Escapes.escape(data));
            }
        }
        assertTrue(data.endsWith("\r\n.\r\n"), () -> Escapes.escape(data));
        assertEquals(data.length() - 5, data.indexOf("\r\n.\r\n"), () -> "early end of data: " + Escapes.escape(data));
        assertFalse(data.startsWith(".\r\n"), () -> "data starts with the terminator: " + Escapes.escape(data));
        String[] lines = data.split("\r\n", -1);
        for (int i = 0; i < lines.length - 2; i++) {
            assertFalse(lines[i].equals("."), "a '.' line before the end");
        }
        assertEquals(".", lines[lines.length - 2]);
    }

    // ---------------------------------------------------------------- encoding helpers

    static String encode(Function<OutputStream, DataEncoder> mode, byte[] in, int[] pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataEncoder encoder = mode.apply(out);
        int at = 0;
        try {
            for (int piece : pieces) {
                if (piece == 1 && (at & 1) == 1) {
                    encoder.write(in[at]); // exercise write(int) too
                } else {
                    // copy into a larger array, so off/len are honoured
                    byte[] padded = new byte[piece + 4];
                    System.arraycopy(in, at, padded, 2, piece);
                    encoder.write(padded, 2, piece);
                }
                at += piece;
            }
            encoder.finish();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(in.length, at);
        return s(out.toByteArray());
    }

    static String data(byte[] in) {
        return encode(DataEncoder::forData, in, new int[] {in.length});
    }

    static String chunking(byte[] in) {
        return encode(DataEncoder::forChunking, in, new int[] {in.length});
    }

    static void assertEverySplit(byte[] in, String expectedData, String expectedChunking) {
        for (int[] pieces : WireBytes.splits(in.length, 0xDA7A + in.length)) {
            assertEquals(expectedData, encode(DataEncoder::forData, in, pieces),
                    () -> "DATA " + Escapes.escape(in, 0, in.length) + " cut as " + WireBytes.describe(pieces));
            assertEquals(expectedChunking, encode(DataEncoder::forChunking, in, pieces),
                    () -> "BDAT " + Escapes.escape(in, 0, in.length) + " cut as " + WireBytes.describe(pieces));
        }
    }

    // ---------------------------------------------------------------- exact output

    /** input, DATA output, BDAT output. */
    static final String[][] TABLE = {
        {"", "\r\n.\r\n", "\r\n"},
        {"a", "a\r\n.\r\n", "a\r\n"},
        {"a\r\n", "a\r\n.\r\n", "a\r\n"},
        {"a\n", "a\r\n.\r\n", "a\r\n"},
        {"a\r", "a\r\n.\r\n", "a\r\n"},
        {"\r\n", "\r\n.\r\n", "\r\n"},
        {"\n", "\r\n.\r\n", "\r\n"},
        {"\r", "\r\n.\r\n", "\r\n"},
        {"\n\r", "\r\n\r\n.\r\n", "\r\n\r\n"},
        {"\n\n", "\r\n\r\n.\r\n", "\r\n\r\n"},
        {"\r\r", "\r\n\r\n.\r\n", "\r\n\r\n"},
        {"a\nb\nc", "a\r\nb\r\nc\r\n.\r\n", "a\r\nb\r\nc\r\n"},
        {"a\rb\rc\r", "a\r\nb\r\nc\r\n.\r\n", "a\r\nb\r\nc\r\n"},
        {"a\r\nb\nc\rd", "a\r\nb\r\nc\r\nd\r\n.\r\n", "a\r\nb\r\nc\r\nd\r\n"},
        {"a\r\r\nb", "a\r\n\r\nb\r\n.\r\n", "a\r\n\r\nb\r\n"},
        {"a\r\r\n", "a\r\n\r\n.\r\n", "a\r\n\r\n"},
        {"a\n\r\nb", "a\r\n\r\nb\r\n.\r\n", "a\r\n\r\nb\r\n"},
        {"a\r\n\rb", "a\r\n\r\nb\r\n.\r\n", "a\r\n\r\nb\r\n"},
        {".", "..\r\n.\r\n", ".\r\n"},
        {"..", "...\r\n.\r\n", "..\r\n"},
        {".\r\n", "..\r\n.\r\n", ".\r\n"},
        {".a\r\nb", "..a\r\nb\r\n.\r\n", ".a\r\nb\r\n"},
        {"a\r.b", "a\r\n..b\r\n.\r\n", "a\r\n.b\r\n"},
        {"a\n.b", "a\r\n..b\r\n.\r\n", "a\r\n.b\r\n"},
        {"a\r\n.b", "a\r\n..b\r\n.\r\n", "a\r\n.b\r\n"},
        {"a\r\n.\r\nb", "a\r\n..\r\nb\r\n.\r\n", "a\r\n.\r\nb\r\n"},
        {"a\r\n..\r\nb", "a\r\n...\r\nb\r\n.\r\n", "a\r\n..\r\nb\r\n"},
        {"a\r\n.", "a\r\n..\r\n.\r\n", "a\r\n.\r\n"},
        {"a.b .c\t.\r\nx. ..", "a.b .c\t.\r\nx. ..\r\n.\r\n", "a.b .c\t.\r\nx. ..\r\n"},
        {" .\r\n\t.", " .\r\n\t.\r\n.\r\n", " .\r\n\t.\r\n"},
        {"\u0000.\r\n", "\u0000.\r\n.\r\n", "\u0000.\r\n"},
        {"\u00ff\u0000\u0080\r\n", "\u00ff\u0000\u0080\r\n.\r\n", "\u00ff\u0000\u0080\r\n"},
        {"\r\n\r\n", "\r\n\r\n.\r\n", "\r\n\r\n"},
        {"..\n..\r..\r\n..", "...\r\n...\r\n...\r\n...\r\n.\r\n", "..\r\n..\r\n..\r\n..\r\n"},
    };

    @Test
    void exactOutputForTheTableInEverySplit() {
        for (String[] row : TABLE) {
            byte[] in = b(row[0]);
            String label = Escapes.escape(row[0]);
            assertEquals(row[1], data(in), label);
            assertEquals(row[2], chunking(in), label);
            assertEquals(expectedData(in), row[1], "reference model disagrees with the table: " + label);
            assertSafeData(row[1]);
            assertEverySplit(in, row[1], row[2]);
        }
    }

    @Test
    void aLineLeadingDotOnAWriteBoundary() throws IOException {
        List<String[]> writes = List.of(
                new String[] {"a\r\n", ".b"},
                new String[] {"a\r\n", ".", "b"},
                new String[] {"a\r", "\n", ".b"},
                new String[] {"a\r", "\n.b"},
                new String[] {"a\r", ".b"},
                new String[] {"a\n", ".b"},
                new String[] {"a", "\n", "", ".", "", "b"},
                new String[] {".", "."},
                new String[] {"", ".", "\r", "\n", ".", "\r", "\n"});
        for (String[] parts : writes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataEncoder encoder = DataEncoder.forData(out);
            StringBuilder whole = new StringBuilder();
            for (String part : parts) {
                encoder.write(b(part));
                whole.append(part);
            }
            encoder.finish();
            assertEquals(expectedData(b(whole.toString())), s(out.toByteArray()), String.join("|", parts));
        }
        // The same, spelled out.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataEncoder encoder = DataEncoder.forData(out);
        encoder.write(b("line\r"));
        encoder.write('\n');
        encoder.write('.');
        encoder.write(b("\r\n"));
        encoder.finish();
        assertEquals("line\r\n..\r\n.\r\n", s(out.toByteArray()));
    }

    // ---------------------------------------------------------------- SMTP smuggling

    static final String[] SMUGGLING = {
        "\n.\n", "\r.\r", "\r\n.\r", "\n.\r\n", "\r.\n", "\r\n\u0000.\r\n", "\r\r\n.\r\n", "\r\n.\n", "\n.\r",
        "\r.\r\n", "\r\n.\r\r\n", "\n\n.\n\n", "\r\n.\r\n",
    };

    @Test
    void smugglingVectorsCannotEndTheDataEarly() {
        String mail = "MAIL FROM:<evil@example>\r\nRCPT TO:<victim@example>\r\nDATA\r\n"
                + "From: ceo@example\r\n\r\nsmuggled";
        List<String> bodies = new ArrayList<>();
        for (String v : SMUGGLING) {
            bodies.add("Subject: hi\r\n\r\nbody" + v + mail + "\r\n");
            bodies.add("Subject: hi\r\n\r\nbody" + v + mail);
            bodies.add("Subject: hi\r\n\r\nbody" + v);
            bodies.add(v + mail);
            bodies.add(v);
        }
        bodies.add(".\r\n" + mail);
        bodies.add(".\r\nrest");
        bodies.add(".\n");
        bodies.add(".\r");
        for (String body : bodies) {
            byte[] in = b(body);
            String out = data(in);
            assertSafeData(out);
            assertEquals(expectedData(in), out, Escapes.escape(body));
            assertEquals(s(normalize(in)), unstuff(out));
            for (int[] pieces : WireBytes.splits(in.length, 7962 + in.length)) {
                String split = encode(DataEncoder::forData, in, pieces);
                assertEquals(out, split, () -> Escapes.escape(body) + " cut as " + WireBytes.describe(pieces));
            }
        }
        // Spelled out for the classic vectors.
        assertEquals("x\r\n..\r\nMAIL\r\n.\r\n", data(b("x\n.\nMAIL")));
        assertEquals("x\r\n..\r\nMAIL\r\n.\r\n", data(b("x\r.\rMAIL")));
        assertEquals("x\r\n..\r\nMAIL\r\n.\r\n", data(b("x\r\n.\rMAIL")));
        assertEquals("x\r\n..\r\nMAIL\r\n.\r\n", data(b("x\n.\r\nMAIL")));
        assertEquals("x\r\n..\r\nMAIL\r\n.\r\n", data(b("x\r.\nMAIL")));
        assertEquals("x\r\n\u0000.\r\nMAIL\r\n.\r\n", data(b("x\r\n\u0000.\r\nMAIL")));
        assertEquals("x\r\n\r\n..\r\nMAIL\r\n.\r\n", data(b("x\r\r\n.\r\nMAIL")));
        assertEquals("x\r\n..\r\nMAIL\r\n.\r\n", data(b("x\r\n.\nMAIL")));
        assertEquals("..\r\nMAIL\r\n.\r\n", data(b(".\r\nMAIL")));
    }

    // ---------------------------------------------------------------- random inputs

    private static byte[] randomInput(Random random, int maxLength) {
        byte[] in = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < in.length; i++) {
            int pick = random.nextInt(10);
            in[i] = switch (pick) {
                case 0, 1 -> '\r';
                case 2, 3 -> '\n';
                case 4, 5 -> '.';
                case 6 -> 'a';
                case 7 -> 0;
                case 8 -> (byte) 0xFF;
                default -> (byte) random.nextInt(256);
            };
        }
        return in;
    }

    @Test
    void randomInputsRoundTripAndSplitIdentically() {
        Random random = new Random(20251962);
        for (int round = 0; round < 4000; round++) {
            byte[] in = randomInput(random, 60);
            String label = Escapes.escape(in, 0, in.length);
            String out = data(in);
            assertSafeData(out);
            assertEquals(s(normalize(in)), unstuff(out), label);
            assertEquals(expectedData(in), out, label);
            assertEquals(s(normalize(in)), chunking(in), label);
            for (int k = 0; k < 3; k++) {
                int[] pieces = WireBytes.randomPieces(in.length, 1 + random.nextInt(8), random);
                assertEquals(out, encode(DataEncoder::forData, in, pieces), label);
                assertEquals(s(normalize(in)), encode(DataEncoder::forChunking, in, pieces), label);
            }
            assertEquals(normalizeLineEnds(in).length, DataEncoder.normalizedLength(in), label);
        }
    }

    // ---------------------------------------------------------------- large bodies

    /**
     * A body over 64 KiB with a line-leading dot (after LF, CRLF, bare CR, and CR|LF split) at every multiple of
     * each buffer size, so that dots and line ends land on the boundaries of intermediate buffers.
     */
    private static byte[] largeBody(int[] bufferSizes) {
        Random random = new Random(65536);
        byte[] body = new byte[3 * 65536 + 123];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + random.nextInt(26));
            if (random.nextInt(80) == 0) {
                body[i] = '\n';
            }
        }
        int variant = 0;
        for (int size : bufferSizes) {
            for (int p = size; p + 2 < body.length; p += size) {
                switch (variant++ % 5) {
                    case 0 -> { body[p - 1] = '\n'; body[p] = '.'; }
                    case 1 -> { body[p - 2] = '\r'; body[p - 1] = '\n'; body[p] = '.'; }
                    case 2 -> { body[p - 1] = '\r'; body[p] = '.'; }
                    case 3 -> { body[p - 1] = '\r'; body[p] = '\n'; body[p + 1] = '.'; }
                    default -> { body[p - 2] = '\n'; body[p - 1] = '.'; body[p] = '\r'; body[p + 1] = '\n'; }
                }
            }
        }
        return body;
    }

    /** Counts the underlying writes and refuses flush/close, which the encoder must not call. */
    private static final class Sink extends ByteArrayOutputStream {
        int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            writes++;
            super.write(b);
        }

        @Override
        public void flush() {
            throw new AssertionError("flush");
        }

        @Override
        public void close() {
            throw new AssertionError("close");
        }
    }

    @Test
    void largeBodiesThroughSmallBuffers() throws IOException {
        int[] sizes = {1000, 4096, 8192, 65536};
        byte[] body = largeBody(sizes);
        assertTrue(body.length > 65536);
        String expected = expectedData(body);
        String expectedChunking = s(normalize(body));
        assertTrue(expected.contains("\n.."), "the body has stuffed dots");
        for (int size : new int[] {1, 7, 1000, 4096, 8192, 65536}) {
            for (boolean dataMode : new boolean[] {true, false}) {
                Sink sink = new Sink();
                DataEncoder encoder = dataMode ? DataEncoder.forData(sink) : DataEncoder.forChunking(sink);
                // Copy through a buffer of the given size, as InputStream.transferTo does with its own.
                InputStream in = new ByteArrayInputStream(body);
                byte[] buffer = new byte[size];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    encoder.write(buffer, 0, n);
                }
                encoder.finish();
                assertEquals(dataMode ? expected : expectedChunking, s(sink.toByteArray()), "buffer " + size);
            }
        }
        Sink viaTransfer = new Sink();
        DataEncoder encoder = DataEncoder.forData(viaTransfer);
        new ByteArrayInputStream(body).transferTo(encoder);
        encoder.close();
        assertEquals(expected, s(viaTransfer.toByteArray()));
        assertSafeData(expected);
        assertEquals(s(normalize(body)), unstuff(expected));
    }

    @Test
    void chunkingModeFeedsBdatChunksThatJoinToTheNormalisedContent() throws IOException {
        byte[] body = largeBody(new int[] {1000, 4096});
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<Boolean> lasts = new ArrayList<>();
        BdatChunker chunker = new BdatChunker(4096, (command, data, off, len, last) -> {
            assertEquals("BDAT " + len + (last ? " LAST" : "") + "\r\n", s(command));
            joined.write(data, off, len);
            lasts.add(last);
        });
        DataEncoder encoder = DataEncoder.forChunking(chunker);
        InputStream in = new ByteArrayInputStream(body);
        byte[] buffer = new byte[999];
        int n;
        while ((n = in.read(buffer)) > 0) {
            encoder.write(buffer, 0, n);
        }
        encoder.finish();
        chunker.finish();
        assertEquals(s(normalize(body)), s(joined.toByteArray()));
        assertEquals(List.of(true), lasts.subList(lasts.size() - 1, lasts.size()));
        assertEquals(1, lasts.stream().filter(l -> l).count());
    }

    // ---------------------------------------------------------------- normalizedLength

    @Test
    void normalizedLengthIsTheNormalisedLengthWithoutTheAddedFinalLineEnd() {
        assertEquals(0, DataEncoder.normalizedLength(b("")));
        assertEquals(1, DataEncoder.normalizedLength(b("a")));
        assertEquals(1, DataEncoder.normalizedLength(b(".")), "no dot-stuffing");
        assertEquals(3, DataEncoder.normalizedLength(b("a\n")));
        assertEquals(3, DataEncoder.normalizedLength(b("a\r")));
        assertEquals(3, DataEncoder.normalizedLength(b("a\r\n")));
        assertEquals(4, DataEncoder.normalizedLength(b("\r\r\n")));
        assertEquals(4, DataEncoder.normalizedLength(b("\n\r")));
        assertEquals(7, DataEncoder.normalizedLength(b("a\nb\rc")));
        assertEquals(2, DataEncoder.normalizedLength(b("\r")));
        // What the BDAT encoder sends is that length, plus 2 when it had to add the final CRLF.
        for (String[] row : TABLE) {
            byte[] in = b(row[0]);
            boolean added = in.length == 0 || (in[in.length - 1] != '\n' && in[in.length - 1] != '\r');
            assertEquals(row[2].length(), DataEncoder.normalizedLength(in) + (added ? 2 : 0), Escapes.escape(row[0]));
        }
    }

    // ---------------------------------------------------------------- end of content

    @Test
    void writingAfterFinishFails() throws IOException {
        for (Function<OutputStream, DataEncoder> mode : List.<Function<OutputStream, DataEncoder>>of(
                DataEncoder::forData, DataEncoder::forChunking)) {
            Sink sink = new Sink();
            DataEncoder encoder = mode.apply(sink);
            encoder.write(b("x"));
            encoder.finish();
            String done = s(sink.toByteArray());
            assertThrows(IOException.class, () -> encoder.write('y'));
            assertThrows(IOException.class, () -> encoder.write(b("y")));
            assertThrows(IOException.class, () -> encoder.write(b("y"), 0, 1));
            assertThrows(IOException.class, () -> encoder.write(new byte[0], 0, 0));
            encoder.finish();
            encoder.close();
            assertEquals(done, s(sink.toByteArray()), "finish and close after finish add nothing");

            Sink closed = new Sink();
            DataEncoder viaClose = mode.apply(closed);
            viaClose.write(b("x"));
            viaClose.close();
            assertEquals(done, s(closed.toByteArray()));
            assertThrows(IOException.class, () -> viaClose.write(b("z")));
        }
    }

    @Test
    void emptyWritesDoNotCountAsContent() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataEncoder encoder = DataEncoder.forData(out);
        encoder.write(new byte[0]);
        encoder.write(b("abc"), 1, 0);
        encoder.finish();
        assertEquals("\r\n.\r\n", s(out.toByteArray()));
    }

    @Test
    void anUnderlyingFailureReachesTheWriter() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        IOException e = assertThrows(IOException.class, () -> DataEncoder.forData(failing).write(b("abc\r\n")));
        assertEquals("broken pipe", e.getMessage());
        IOException atEnd = assertThrows(IOException.class, () -> DataEncoder.forData(failing).finish());
        assertEquals("broken pipe", atEnd.getMessage());
    }

    @Test
    void invalidRangesAreRefusedBeforeAnythingIsWritten() throws IOException {
        // OutputStream.write(b, off, len) must throw IndexOutOfBoundsException for a bad range; the encoder
        // used to write the valid part first (and count the content as non-empty).
        for (Function<OutputStream, DataEncoder> mode : List.<Function<OutputStream, DataEncoder>>of(
                DataEncoder::forData, DataEncoder::forChunking)) {
            Sink sink = new Sink();
            DataEncoder encoder = mode.apply(sink);
            byte[] in = b("a\r\n.b");
            assertThrows(IndexOutOfBoundsException.class, () -> encoder.write(in, 1, 10));
            assertThrows(IndexOutOfBoundsException.class, () -> encoder.write(in, -1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> encoder.write(in, 2, -1));
            assertEquals(0, sink.writes, "nothing reached the underlying stream");
            encoder.finish();
            assertEquals(s(emptyOutput(mode)), s(sink.toByteArray()), "the content is still empty");
        }
    }

    private static byte[] emptyOutput(Function<OutputStream, DataEncoder> mode) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mode.apply(out).finish();
        return out.toByteArray();
    }

    /**
     * Long lines with line ends, dots and other low bytes at every offset, so the encoder's eight-bytes-at-a-time
     * scan meets them at every position of its word, whole or split across writes.
     */
    @Test
    void longTextWithSparseSpecialBytesMatchesTheModel() {
        Random random = new Random(0x5CA7);
        byte[] specials = {'\r', '\n', '.', 0, '\t', 13, 14, 12, (byte) 0x8D, (byte) 0x8A, (byte) 0xFF, ' '};
        for (int round = 0; round < 400; round++) {
            byte[] in = new byte[random.nextInt(300)];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)]
                        : (byte) ('a' + random.nextInt(26));
            }
            assertEquals(normalizeLineEnds(in).length, DataEncoder.normalizedLength(in), () -> Escapes.escape(in, 0, in.length));
            String expectedData = expectedData(in);
            String expectedChunking = s(normalize(in));
            assertEquals(expectedData, data(in), () -> Escapes.escape(in, 0, in.length));
            assertEquals(expectedChunking, chunking(in), () -> Escapes.escape(in, 0, in.length));
            int cut = in.length == 0 ? 0 : random.nextInt(in.length);
            int[] pieces = {cut, in.length - cut};
            assertEquals(expectedData, encode(DataEncoder::forData, in, pieces), () -> Escapes.escape(in, 0, in.length));
            assertEquals(expectedChunking, encode(DataEncoder::forChunking, in, pieces));
        }
    }
}
