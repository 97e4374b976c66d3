package org.xsmtp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.wire.WireBytes.s;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes of {@link CommandEncoder}, and the lines it must refuse. */
class CommandEncoderTest {

    private static String enc(String verb, String args, boolean utf8) {
        return s(CommandEncoder.encode(verb, args, utf8, false));
    }

    @Test
    void verbOnly() {
        assertEquals("NOOP\r\n", enc("NOOP", null, false));
        assertEquals("QUIT\r\n", enc("QUIT", null, true));
        assertEquals("EHLO\r\n", enc("EHLO", "", false));
        assertEquals("DATA\r\n", enc("DATA", "", true));
    }

    @Test
    void verbAndArguments() {
        assertEquals("EHLO client.example\r\n", enc("EHLO", "client.example", false));
        assertEquals("MAIL FROM:<a@b.example> SIZE=1000 BODY=8BITMIME\r\n",
                enc("MAIL", "FROM:<a@b.example> SIZE=1000 BODY=8BITMIME", false));
        assertEquals("RCPT TO:<x@y>\r\n", enc("RCPT", "TO:<x@y>", false));
        // Arguments are taken as they are: blanks are not trimmed, tabs and other controls pass.
        assertEquals("VRFY  two spaces \r\n", enc("VRFY", " two spaces ", false));
        assertEquals("HELP \t\u0001\u007f\r\n", enc("HELP", "\t\u0001\u007f", false));
        assertEquals("NOOP  \r\n", enc("NOOP", " ", false));
        // A whole line in the verb, as smtplib's putcmd allows.
        assertEquals("AUTH PLAIN AGFiAGM=\r\n", enc("AUTH PLAIN AGFiAGM=", null, false));
    }

    @Test
    void theResultIsAFreshArray() {
        byte[] one = CommandEncoder.encode("NOOP", null, false, false);
        one[0] = 'X';
        assertEquals("NOOP\r\n", enc("NOOP", null, false));
    }

    @Test
    void crLfAndNulAreRefusedAnywhere() {
        List<String> bad = List.of("\r", "\n", "\u0000", "\r\n");
        for (String c : bad) {
            for (boolean utf8 : new boolean[] {false, true}) {
                String label = Escapes.escape(c) + (utf8 ? " utf8" : " ascii");
                // in the verb: at the start, in the middle, at the end
                assertRefused(c + "MAIL", null, utf8, label);
                assertRefused("MA" + c + "IL", null, utf8, label);
                assertRefused("MAIL" + c, null, utf8, label);
                assertRefused("MAIL" + c, "FROM:<a@b>", utf8, label);
                // in the arguments: at the start, in the middle, at the end, alone
                assertRefused("RCPT", c + "TO:<a@b>", utf8, label);
                assertRefused("RCPT", "TO:<a@b>" + c + "DATA", utf8, label);
                assertRefused("RCPT", "TO:<a@b>" + c, utf8, label);
                assertRefused("RCPT", c, utf8, label);
                // next to non-ASCII text, which takes the charset path
                if (utf8) {
                    assertRefused("RCPT", "TO:<j\u00f6rg@b>" + c + "DATA", true, label);
                    assertRefused("RCPT", "TO:<\u760a@b>" + c, true, label);
                }
            }
        }
    }

    @Test
    void theRefusalNamesTheByteAndItsOffset() {
        IllegalArgumentException cr = assertThrows(IllegalArgumentException.class,
                () -> CommandEncoder.encode("RCPT", "TO:<a@b>\r\nDATA", false, false));
        assertTrue(cr.getMessage().contains("CR byte at offset 13"), cr.getMessage());
        assertTrue(cr.getMessage().contains("'RCPT TO:<a@b>\\r\\nDATA'"), cr.getMessage());
        IllegalArgumentException lf = assertThrows(IllegalArgumentException.class,
                () -> CommandEncoder.encode("RCPT", "TO:<a@b>\nDATA", false, false));
        assertTrue(lf.getMessage().contains("LF byte at offset 13"), lf.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> CommandEncoder.encode("\u0000", null, false, false));
        assertTrue(nul.getMessage().contains("NUL byte at offset 0"), nul.getMessage());
    }

    @Test
    void nonAsciiWithoutUtf8IsRefusedNamingSmtputf8() {
        for (String arg : List.of("TO:<j\u00f6rg@example>", "TO:<\u00e9>", "\u0080", "\u00ff", "TO:<\ud83d\ude00@x>",
                "\u760a", "\u760d", "TO:<a@b>\u2028")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CommandEncoder.encode("RCPT", arg, false, false), Escapes.escape(arg));
            assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
        }
        IllegalArgumentException inVerb = assertThrows(IllegalArgumentException.class,
                () -> CommandEncoder.encode("H\u00c9LO", null, false, false));
        assertTrue(inVerb.getMessage().contains("SMTPUTF8"), inVerb.getMessage());
    }

    @Test
    void cve2025_7962CharactersNeverBecomeCrOrLf() {
        // U+760A and U+760D: a naive (byte) char cast turns them into LF and CR.
        assertEquals('\n', (byte) '\u760a');
        assertEquals('\r', (byte) '\u760d');
        for (String arg : List.of("TO:<\u760a@x>", "TO:<\u760d@x>", "TO:<a@b>\u760d\u760aDATA")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CommandEncoder.encode("RCPT", arg, false, false));
            assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
        }
        assertArrayEquals(HexFormat.of().parseHex("52435054" + "20" + "544f3a3c" + "e7988a" + "40783e" + "0d0a"),
                CommandEncoder.encode("RCPT", "TO:<\u760a@x>", true, false));
        assertArrayEquals(HexFormat.of().parseHex("52435054" + "20" + "544f3a3c" + "e7988d" + "40783e" + "0d0a"),
                CommandEncoder.encode("RCPT", "TO:<\u760d@x>", true, false));
        byte[] both = CommandEncoder.encode("RCPT", "TO:<a@b>\u760d\u760aDATA", true, false);
        assertEquals("RCPT TO:<a@b>\u00e7\u0098\u008d\u00e7\u0098\u008aDATA\r\n", s(both));
        // The only CR and LF are the line end.
        for (int i = 0; i < both.length - 2; i++) {
            assertTrue(both[i] != '\r' && both[i] != '\n' && both[i] != 0, "offset " + i);
        }
        // In the verb too.
        assertArrayEquals(HexFormat.of().parseHex("e7988a0d0a"), CommandEncoder.encode("\u760a", null, true, false));
    }

    @Test
    void utf8EncodesExactBytes() {
        assertEquals("RCPT TO:<j\u00c3\u00b6rg@b\u00c3\u00bccher.example>\r\n",
                enc("RCPT", "TO:<j\u00f6rg@b\u00fccher.example>", true));
        assertArrayEquals(HexFormat.of().parseHex("4d41494c2046524f4d3a3cf09f988040783e0d0a"),
                CommandEncoder.encode("MAIL", "FROM:<\ud83d\ude00@x>", true, false));
        assertArrayEquals(HexFormat.of().parseHex("c2800d0a"), CommandEncoder.encode("\u0080", null, true, false));
        assertArrayEquals(HexFormat.of().parseHex("efbfbf0d0a"), CommandEncoder.encode("\uffff", null, true, false));
        assertArrayEquals(HexFormat.of().parseHex("f48fbfbf0d0a"),
                CommandEncoder.encode("\udbff\udfff", null, true, false));
        // U+0085 (NEL) and U+2028 are not line ends on the wire: C2 85 and E2 80 A8.
        assertArrayEquals(HexFormat.of().parseHex("41c285e280a8420d0a"),
                CommandEncoder.encode("A\u0085\u2028B", null, true, false));
    }

    @Test
    void unpairedSurrogatesAreRefusedWithUtf8() {
        for (String arg : List.of("\ud83d", "\ude00", "TO:<\ud83dx@y>", "TO:<x@y>\udc80", "\ude00\ud83d")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CommandEncoder.encode("RCPT", arg, true, false), Escapes.escape(arg));
            assertFalse(e.getMessage().contains("SMTPUTF8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> CommandEncoder.encode("RCPT", arg, false, false));
        }
    }

    @Test
    void secretLinesAreNotShownInErrors() {
        String password = "hunter2-s3cret";
        List<String[]> lines = List.of(
                new String[] {"AUTH PLAIN", "AGFsaWNlAGh1bnRlcjItczNjcmV0\r\n" + password},
                new String[] {password + "\n", null},
                new String[] {"AUTH LOGIN", password + "\u0000"},
                new String[] {password + "\u00e9", null});
        for (String[] line : lines) {
            for (boolean utf8 : new boolean[] {false, true}) {
                if (!utf8 && line[0].contains("\u00e9")) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> CommandEncoder.encode(line[0], line[1], false, true));
                    assertFalse(e.getMessage().contains(password), e.getMessage());
                    assertFalse(e.getMessage().contains("hunter"), e.getMessage());
                    IllegalArgumentException shown = assertThrows(IllegalArgumentException.class,
                            () -> CommandEncoder.encode(line[0], line[1], false, false));
                    assertTrue(shown.getMessage().contains(password), shown.getMessage());
                    continue;
                }
                if (line[0].contains("\u00e9")) {
                    continue; // valid with UTF-8
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> CommandEncoder.encode(line[0], line[1], utf8, true));
                assertFalse(e.getMessage().contains("hunter"), e.getMessage());
                assertFalse(e.getMessage().contains("AGFsaWNl"), e.getMessage());
                assertFalse(e.getMessage().contains("AUTH"), e.getMessage());
                // Without secret, the same error shows the line (so the test above can fail).
                IllegalArgumentException shown = assertThrows(IllegalArgumentException.class,
                        () -> CommandEncoder.encode(line[0], line[1], utf8, false));
                assertTrue(shown.getMessage().contains("hunter2"), shown.getMessage());
            }
        }
        IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class,
                () -> CommandEncoder.encode("AUTH PLAIN", password + "\ud800", true, true));
        assertFalse(surrogate.getMessage().contains("hunter"), surrogate.getMessage());
    }

    private static void assertRefused(String verb, String args, boolean utf8, String label) {
        assertThrows(IllegalArgumentException.class, () -> CommandEncoder.encode(verb, args, utf8, false),
                () -> label + ": " + Escapes.escape(verb) + " " + (args == null ? "null" : Escapes.escape(args)));
        assertThrows(IllegalArgumentException.class, () -> CommandEncoder.encode(verb, args, utf8, true),
                () -> label + " (secret)");
    }
}
