package org.xsmtp.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.xsmtp.wire.DataEncoder;

/**
 * Coverage-guided fuzzing of {@link DataEncoder} (Jazzer): arbitrary content written in arbitrary splits.
 * For DATA the output has no bare CR or LF, ends with CRLF.CRLF, contains CRLF.CRLF nowhere else (counting
 * the CRLF that ends the DATA command before it), and removing the transparency dots gives the content with
 * its line ends normalised to CRLF (and a final CRLF). For BDAT the output is exactly that normalised content.
 * Every split gives the same bytes, and {@link DataEncoder#normalizedLength(byte[])} (what SIZE declares) is
 * the normalised length. The normalisation is computed here independently of the encoder.
 */
class DataEncoderFuzzTest {
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final byte[] END = {'\r', '\n', '.', '\r', '\n'};

    @FuzzTest(maxDuration = "10s")
    void anySplitGivesSafeDataThatRoundTrips(byte[] input) throws IOException {
        INPUTS.incrementAndGet();
        byte[] content = FuzzInput.afterSeed(input);
        int seed = FuzzInput.splitSeed(input);
        byte[] normalized = normalize(content);

        byte[] data = encode(DataEncoder::forData, content, FuzzInput.Split.WHOLE);
        assertArrayEquals(data, encode(DataEncoder::forData, content, seed));
        assertNoBareCrOrLf(data);
        byte[] onTheWire = concat(new byte[] {'\r', '\n'}, data);
        assertEquals(onTheWire.length - END.length, indexOf(onTheWire, END), "first end of data is the last");
        assertArrayEquals(normalized, unstuff(data));

        byte[] chunked = encode(DataEncoder::forChunking, content, FuzzInput.Split.WHOLE);
        assertArrayEquals(chunked, encode(DataEncoder::forChunking, content, seed));
        assertArrayEquals(normalized, chunked);
        assertEquals(normalized.length - (endsWithLineEnd(content) ? 0 : 2),
                DataEncoder.normalizedLength(content));
    }

    private static byte[] encode(Function<ByteArrayOutputStream, DataEncoder> kind, byte[] content,
            int seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataEncoder encoder = kind.apply(out);
        FuzzInput.Split split = new FuzzInput.Split(content.length, seed);
        for (int off = 0, n; (n = split.next()) > 0; off += n) {
            encoder.write(content, off, n);
        }
        encoder.finish();
        return out.toByteArray();
    }

    /** CR, LF and CRLF become CRLF; a last line without a line end gets one; nothing becomes one empty line. */
    static byte[] normalize(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\r' || in[i] == '\n') {
                out.write('\r');
                out.write('\n');
                if (in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(in[i]);
            }
        }
        if (in.length == 0 || !endsWithLineEnd(in)) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static boolean endsWithLineEnd(byte[] in) {
        return in.length > 0 && (in[in.length - 1] == '\r' || in[in.length - 1] == '\n');
    }

    /** Drops the final ".CRLF" and the first '.' of every line that starts with one (RFC 5321 §4.5.2). */
    static byte[] unstuff(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int end = data.length - 3;
        boolean lineStart = true;
        for (int i = 0; i < end; i++) {
            if (lineStart && data[i] == '.') {
                lineStart = false;
                continue;
            }
            out.write(data[i]);
            lineStart = data[i] == '\n';
        }
        return out.toByteArray();
    }

    private static void assertNoBareCrOrLf(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r') {
                assertTrue(i + 1 < b.length && b[i + 1] == '\n', "bare CR at " + i);
            } else if (b[i] == '\n') {
                assertFalse(i == 0 || b[i - 1] != '\r', "bare LF at " + i);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @AfterAll
    static void report() {
        System.out.println("fuzz: DataEncoder executed " + INPUTS.get() + " inputs");
    }
}
