package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Escapes} against Python's {@code repr} (the expected strings were produced by CPython 3). */
class EscapesTest {

    /** {@code repr(bytes(range(256)))} in CPython. */
    private static final String PYTHON_REPR_ALL_BYTES =
            "b'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\\x10"
            + "\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f !\"#"
            + "$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`a"
            + "bcdefghijklmnopqrstuvwxyz{|}~\\x7f\\x80\\x81\\x82\\x83\\x84\\x85\\x86"
            + "\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f\\x90\\x91\\x92\\x93\\x94\\x95\\x96"
            + "\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6"
            + "\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6"
            + "\\xb7\\xb8\\xb9\\xba\\xbb\\xbc\\xbd\\xbe\\xbf\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6"
            + "\\xc7\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6"
            + "\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6"
            + "\\xe7\\xe8\\xe9\\xea\\xeb\\xec\\xed\\xee\\xef\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6"
            + "\\xf7\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff'";

    /** {@code repr("".join(map(chr, range(128))))} in CPython. */
    private static final String PYTHON_REPR_ASCII =
            "'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\\x10"
            + "\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f !\"#"
            + "$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`a"
            + "bcdefghijklmnopqrstuvwxyz{|}~\\x7f'";

    @Test
    void bytesMatchPythonRepr() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertEquals(PYTHON_REPR_ALL_BYTES, Escapes.escape(all, 0, 256));
        assertEquals("b''", Escapes.escape(all, 0, 0));
        assertEquals("b'250 OK\\r\\n'", Escapes.escape(ascii("250 OK\r\n"), 0, 8));
        // off and len are honoured
        assertEquals("b'AB'", Escapes.escape(ascii("xxABxx"), 2, 2));
        assertEquals("b'\\x00\\xff'", Escapes.escape(new byte[] {9, 0, (byte) 0xFF, 9}, 1, 2));
    }

    @Test
    void asciiTextMatchesPythonRepr() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            ascii.append(c);
        }
        assertEquals(PYTHON_REPR_ASCII, Escapes.escape(ascii.toString()));
    }

    @Test
    void documentedCharacters() {
        assertEquals("''", Escapes.escape(""));
        assertEquals("'abc'", Escapes.escape("abc"));
        assertEquals("'\\r\\n\\t\\x00'", Escapes.escape("\r\n\t\u0000"));
        assertEquals("'\\x1b[31m\\x7f'", Escapes.escape("\u001b[31m\u007f"));
        assertEquals("'it\\'s \\\\ \"q\"'", Escapes.escape("it's \\ \"q\""));
        assertEquals("'RCPT TO:<a@b>\\r\\nDATA'", Escapes.escape("RCPT TO:<a@b>\r\nDATA"));
        // printable non-ASCII text is shown as it is, as Python 3 does
        assertEquals("'j\u00f6rg \u760a \ud83d\ude00 \u00e9'", Escapes.escape("j\u00f6rg \u760a \ud83d\ude00 \u00e9"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void c1ControlsAreEscapedAsPythonDoes() {
        // "other controls" includes U+0080..U+009F (general category Cc): NEL (U+0085) breaks log lines and
        // CSI (U+009B) starts terminal escape sequences. CPython: repr('\x85\x9b') == "'\\x85\\x9b'".
        assertEquals("'\\x80\\x85\\x9b\\x9f'", Escapes.escape("\u0080\u0085\u009b\u009f"));
        assertEquals("'a\\x9b31mb'", Escapes.escape("a\u009b31mb"));
        for (char c = 0x80; c <= 0x9F; c++) {
            assertEquals(String.format("'\\x%02x'", (int) c), Escapes.escape(String.valueOf(c)));
        }
        // The first character after them is printable and stays as it is.
        assertEquals("'\u00a1\u00e9'", Escapes.escape("\u00a1\u00e9"));
    }

    @Test
    void otherCharactersPythonDoesNotPrintAreEscapedToo() {
        // CPython 3: repr('\xa0\xad\u2028\u2029\u200b\ufeff\ud800\U000f0000\u3000') ==
        // "'\\xa0\\xad\\u2028\\u2029\\u200b\\ufeff\\ud800\\U000f0000\\u3000'"
        assertEquals("'\\xa0\\xad\\u2028\\u2029\\u200b\\ufeff\\ud800\\U000f0000\\u3000'",
                Escapes.escape("\u00a0\u00ad\u2028\u2029\u200b\ufeff\ud800\udb80\udc00\u3000"));
    }
}
