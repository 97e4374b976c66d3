package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pull-side Bcc filter gives what the push-side one gives, however it is read. */
class BccStrippingInputStreamTest {
    private static final String MESSAGE = "From: f@x\r\nBcc: b@x,\r\n c@x\r\nTo: t@x\r\nResent-Bcc: r@x\r\n"
            + "Subject: s\r\n\r\nBcc: body line\r\n";
    private static final String STRIPPED = "From: f@x\r\nTo: t@x\r\nSubject: s\r\n\r\nBcc: body line\r\n";

    @Test
    void readsTheMessageWithoutItsBccFields() throws IOException {
        try (InputStream in = new BccStrippingInputStream(stream(MESSAGE))) {
            assertEquals(STRIPPED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void singleBytesAndRandomReadSizesGiveTheSameBytes() throws IOException {
        StringBuilder big = new StringBuilder("Bcc: hidden@x\nTo: t@x\n\n");
        for (int i = 0; i < 5000; i++) {
            big.append("line ").append(i).append('\n');
        }
        byte[] expected;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (BccStrippingOutputStream out = new BccStrippingOutputStream(sink)) {
            out.write(big.toString().getBytes(StandardCharsets.US_ASCII));
        }
        expected = sink.toByteArray();
        Random random = new Random(7);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = new BccStrippingInputStream(stream(big.toString()))) {
            byte[] buf = new byte[100];
            while (true) {
                if (random.nextInt(4) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    got.write(b);
                } else {
                    int n = in.read(buf, 0, 1 + random.nextInt(buf.length));
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                }
            }
        }
        assertArrayEquals(expected, got.toByteArray());
        assertEquals(-1, new BccStrippingInputStream(stream("")).read());
    }

    @Test
    void anUnterminatedLastLineIsReleasedAtTheEnd() throws IOException {
        try (InputStream in = new BccStrippingInputStream(stream("To: t@x\r\nBc"))) {
            assertEquals("To: t@x\r\nBc", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void zeroLengthReadsAndBadRanges() throws IOException {
        try (InputStream in = new BccStrippingInputStream(stream(MESSAGE))) {
            assertEquals(0, in.read(new byte[4], 2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[4], 3, 2));
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
