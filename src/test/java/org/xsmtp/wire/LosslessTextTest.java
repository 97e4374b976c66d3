package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LosslessText} is Python's {@code bytes.decode("utf-8", "surrogateescape")} and its inverse. The expected
 * strings below are what CPython 3 gives for the same bytes.
 */
class LosslessTextTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static void assertDecodes(String expected, String hexBytes) {
        byte[] bytes = hex(hexBytes);
        assertEquals(expected, LosslessText.decode(bytes), hexBytes);
        assertArrayEquals(bytes, LosslessText.encode(expected), hexBytes);
        assertArrayEquals(bytes, LosslessText.encode(LosslessText.decode(bytes)), hexBytes);
    }

    @Test
    void asciiIsItself() {
        StringBuilder all = new StringBuilder();
        byte[] bytes = new byte[128];
        for (int i = 0; i < 128; i++) {
            all.append((char) i);
            bytes[i] = (byte) i;
        }
        assertEquals(all.toString(), LosslessText.decode(bytes));
        assertArrayEquals(bytes, LosslessText.encode(all.toString()));
        assertEquals("", LosslessText.decode(new byte[0]));
        assertArrayEquals(new byte[0], LosslessText.encode(""));
    }

    @Test
    void validUtf8DecodesNormally() {
        assertDecodes("\u00e9", "c3 a9");
        assertDecodes("\u0080", "c2 80");
        assertDecodes("\u07ff", "df bf");
        assertDecodes("\u0800", "e0 a0 80");
        assertDecodes("\u20ac", "e2 82 ac");
        assertDecodes("\u760a\u760d", "e7 98 8a e7 98 8d");
        assertDecodes("\ud7ff", "ed 9f bf");
        assertDecodes("\ue000", "ee 80 80");
        assertDecodes("\ufffd", "ef bf bd");
        assertDecodes("\uffff", "ef bf bf");
        assertDecodes("\ud800\udc00", "f0 90 80 80");
        assertDecodes("\ud83d\ude00", "f0 9f 98 80");
        assertDecodes("\udbff\udfff", "f4 8f bf bf");
        // A real character whose low surrogate lies in the escape range U+DC80..U+DCFF is not an escape.
        assertDecodes("\ud800\udc80", "f0 90 82 80");
        assertDecodes("\ud800\udcff", "f0 90 83 bf");
        assertDecodes("250 caf\u00e9 \u2713 ok", "32 35 30 20 63 61 66 c3 a9 20 e2 9c 93 20 6f 6b");
    }

    @Test
    void invalidBytesBecomeSurrogateEscapes() {
        // single bytes that never start a sequence
        assertDecodes("\udcff", "ff");
        assertDecodes("\udcfe", "fe");
        assertDecodes("\udcc0", "c0");
        assertDecodes("\udcc1", "c1");
        assertDecodes("\udcf5", "f5");
        assertDecodes("\udcf8", "f8");
        // stray continuation bytes
        assertDecodes("\udc80", "80");
        assertDecodes("\udcbf", "bf");
        assertDecodes("a\udc80\udc80b", "61 80 80 62");
        // overlong encodings
        assertDecodes("\udcc0\udc80", "c0 80");
        assertDecodes("\udcc0\udcaf", "c0 af");
        assertDecodes("\udcc1\udcbf", "c1 bf");
        assertDecodes("\udce0\udc80\udcaf", "e0 80 af");
        assertDecodes("\udce0\udc9f\udcbf", "e0 9f bf");
        assertDecodes("\udcf0\udc80\udc80\udc80", "f0 80 80 80");
        assertDecodes("\udcf0\udc8f\udcbf\udcbf", "f0 8f bf bf");
        // UTF-16 surrogates encoded in UTF-8
        assertDecodes("\udced\udca0\udc80", "ed a0 80");
        assertDecodes("\udced\udcbf\udcbf", "ed bf bf");
        assertDecodes("\udced\udca0\udcbd\udced\udcb8\udc80", "ed a0 bd ed b8 80");
        // beyond U+10FFFF
        assertDecodes("\udcf4\udc90\udc80\udc80", "f4 90 80 80");
        assertDecodes("\udcf5\udc80\udc80\udc80", "f5 80 80 80");
        // truncated sequences, at the end and followed by other bytes
        assertDecodes("\udcc3", "c3");
        assertDecodes("\udce2\udc82", "e2 82");
        assertDecodes("\udcf0\udc9f\udc98", "f0 9f 98");
        assertDecodes("\udce2\udc82A", "e2 82 41");
        assertDecodes("\udcc3A", "c3 41");
        assertDecodes("\udcf0\udc9f\udc98\u00e9", "f0 9f 98 c3 a9");
        assertDecodes("\udce2\u20ac", "e2 e2 82 ac");
        // NUL and the like are ordinary ASCII
        assertDecodes("\u0000\udcff\u0000", "00 ff 00");
    }

    @Test
    void randomBytesRoundTrip() {
        Random random = new Random(0xDC80);
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                int kind = random.nextInt(4);
                bytes[i] = switch (kind) {
                    case 0 -> (byte) random.nextInt(0x80);
                    case 1 -> (byte) (0x80 + random.nextInt(0x40));
                    case 2 -> (byte) (0xC0 + random.nextInt(0x40));
                    default -> (byte) random.nextInt(256);
                };
            }
            String text = LosslessText.decode(bytes);
            String label = HexFormat.of().formatHex(bytes);
            assertArrayEquals(bytes, LosslessText.encode(text), label);
            assertEquals(oracle(bytes), text, label);
        }
        // Random valid text survives both ways.
        for (int round = 0; round < 1000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(10); k > 0; k--) {
                int cp;
                do {
                    cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
            String text = sb.toString();
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(text, LosslessText.decode(utf8));
            assertArrayEquals(utf8, LosslessText.encode(text));
        }
    }

    /**
     * An independent model: at each position, the shortest prefix that the JDK's strict UTF-8 decoder accepts
     * as one character, or else the byte escaped as U+DC00+byte.
     */
    private static String oracle(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            String one = null;
            for (int len = 1; len <= 4 && i + len <= bytes.length && one == null; len++) {
                ByteBuffer in = ByteBuffer.wrap(bytes, i, len);
                CharBuffer chars = CharBuffer.allocate(4);
                CoderResult result = decoder.reset().decode(in, chars, true);
                if (!result.isError() && !in.hasRemaining() && !decoder.flush(chars).isError()) {
                    one = chars.flip().toString();
                    i += len;
                }
            }
            if (one == null) {
                out.append((char) (0xDC00 + (bytes[i] & 0xFF)));
                i++;
            } else {
                out.append(one);
            }
        }
        return out.toString();
    }
}
