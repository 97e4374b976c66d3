package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.message.TestMessages.crlf;
import static org.xsmtp.message.TestMessages.utf8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BccStrippingOutputStreamTest {

    private static String stripWhole(String input) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (BccStrippingOutputStream out = new BccStrippingOutputStream(sink)) {
            out.write(utf8(input));
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static String stripInChunks(byte[] input, Random random, int maxChunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (BccStrippingOutputStream out = new BccStrippingOutputStream(sink)) {
            int i = 0;
            while (i < input.length) {
                int n = Math.min(input.length - i, 1 + random.nextInt(maxChunk));
                if (n == 1 && random.nextBoolean()) {
                    out.write(input[i]);
                } else {
                    out.write(input, i, n);
                }
                i += n;
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static String stripByteByByte(byte[] input) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (BccStrippingOutputStream out = new BccStrippingOutputStream(sink)) {
            for (byte b : input) {
                out.write(b);
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain Bcc",
                        crlf("From: f@x", "Bcc: b@x", "To: t@x", "", "body"),
                        crlf("From: f@x", "To: t@x", "", "body")),
                Arguments.of("folded Bcc with several continuation lines",
                        crlf("From: f@x", "Bcc: b1@x,", " b2@x,", "\tb3@x", "Subject: s", "", "body"),
                        crlf("From: f@x", "Subject: s", "", "body")),
                Arguments.of("names in any case, Resent-Bcc, white space before colon",
                        crlf("bCC: a", "RESENT-BCC: b", "Resent-Bcc:c", "Bcc \t: d", "To: t", ""),
                        crlf("To: t", "")),
                Arguments.of("fields whose names only resemble Bcc stay",
                        crlf("Bccx: 1", "Bc: 2", "X-Bcc: 3", "Resent-Bcc-Extra: 4", "Resent-Bc: 5", "Resent-From: 6", ""),
                        crlf("Bccx: 1", "Bc: 2", "X-Bcc: 3", "Resent-Bcc-Extra: 4", "Resent-Bc: 5", "Resent-From: 6", "")),
                Arguments.of("continuation of other fields stays",
                        crlf("To: a,", " b", "Bcc: x,", " y", "Cc: c,", "\td", ""),
                        crlf("To: a,", " b", "Cc: c,", "\td", "")),
                Arguments.of("body lines that look like Bcc stay",
                        crlf("To: t", "", "Bcc: body@x", " continued", "Resent-Bcc: r@x"),
                        crlf("To: t", "", "Bcc: body@x", " continued", "Resent-Bcc: r@x")),
                Arguments.of("bare LF line ends",
                        "From: f\nBcc: b,\n c\nTo: t\n\nBcc: body\n",
                        "From: f\nTo: t\n\nBcc: body\n"),
                Arguments.of("empty Bcc",
                        crlf("Bcc:", "To: t", ""),
                        crlf("To: t", "")),
                Arguments.of("Bcc is the last line, without line end",
                        "To: t\r\nBcc: b@x",
                        "To: t\r\n"),
                Arguments.of("unterminated field name without colon at the end is kept",
                        "To: t\r\nBc",
                        "To: t\r\nBc"),
                Arguments.of("a non-field line ends the header section",
                        crlf("To: t", "not a field", "Bcc: b@x", ""),
                        crlf("To: t", "not a field", "Bcc: b@x", "")),
                Arguments.of("Bcc followed by text before a colon is not a field",
                        crlf("To: t", "Bcc x: y", "Bcc: b", ""),
                        crlf("To: t", "Bcc x: y", "Bcc: b", "")),
                Arguments.of("Bcc without colon is not a field",
                        crlf("To: t", "Bcc", "Bcc: b", ""),
                        crlf("To: t", "Bcc", "Bcc: b", "")),
                Arguments.of("first line continuation means no header",
                        crlf(" x", "Bcc: b", ""),
                        crlf(" x", "Bcc: b", "")),
                Arguments.of("message without header",
                        crlf("", "Bcc: b"),
                        crlf("", "Bcc: b")),
                Arguments.of("bare CR at line start is not a field",
                        "To: t\r\n\rBcc: b\r\n",
                        "To: t\r\n\rBcc: b\r\n"),
                Arguments.of("UTF-8 in values and body",
                        crlf("Subject: Grüße", "Bcc: jörg@exämple.de", "", "Grüße"),
                        crlf("Subject: Grüße", "", "Grüße")),
                Arguments.of("a leading mbox From_ line is dropped and the header section goes on",
                        crlf("From joe@x Mon Jan  1 00:00:00 2024", "From: f@x", "Bcc: b@x", "To: t@x", "", "body"),
                        crlf("From: f@x", "To: t@x", "", "body")),
                Arguments.of("a misplaced From_ line inside the header is dropped too, Bcc after it still stripped",
                        "From: f@x\nTo: t@x\nFrom a@x Mon Jan  1 00:00:00 2024\nBcc: secret@x\n\nbody\n",
                        "From: f@x\nTo: t@x\n\nbody\n"),
                Arguments.of("a continuation after a From_ line belongs to the field before it",
                        crlf("Bcc: a,", "From x", " b", "To: t", ""),
                        crlf("To: t", "")),
                Arguments.of("From fields, obsolete or not, and names starting with From stay",
                        crlf("From : f@x", "From\t: g@x", "Fromage: 1", "From:h@x", "Bcc: b", ""),
                        crlf("From : f@x", "From\t: g@x", "Fromage: 1", "From:h@x", "")),
                Arguments.of("From_ lines in the body stay",
                        crlf("To: t", "", "From a@x Mon", "Bcc: body"),
                        crlf("To: t", "", "From a@x Mon", "Bcc: body")),
                Arguments.of("From and a tab is no From_ line: it ends the header section, as in RawHeaderBlock",
                        crlf("To: a@x", "From\tfoo", "Bcc: s@x", "", "body"),
                        crlf("To: a@x", "From\tfoo", "Bcc: s@x", "", "body")),
                Arguments.of("a From_ line of white space only up to the end is dropped",
                        "To: t\r\nFrom  ",
                        "To: t\r\n"),
                Arguments.of("empty input", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stripsBccFieldsWhateverTheSplit(String name, String input, String expected) throws IOException {
        byte[] bytes = utf8(input);
        assertEquals(expected, stripWhole(input), "whole");
        assertEquals(expected, stripByteByByte(bytes), "byte by byte");
        Random random = new Random(input.hashCode());
        for (int round = 0; round < 50; round++) {
            assertEquals(expected, stripInChunks(bytes, random, 1 + random.nextInt(12)), "chunks, round " + round);
        }
    }

    @Test
    void everyTwoPartSplitGivesTheSameResult() throws IOException {
        String input = crlf("From: f", "Bcc: a,", " b", "resent-bcc: c", "To: t,", " u", "", "Bcc: body");
        String expected = crlf("From: f", "To: t,", " u", "", "Bcc: body");
        byte[] bytes = utf8(input);
        for (int split = 0; split <= bytes.length; split++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (BccStrippingOutputStream out = new BccStrippingOutputStream(sink)) {
                out.write(bytes, 0, split);
                out.write(bytes, split, bytes.length - split);
            }
            assertEquals(expected, sink.toString(StandardCharsets.UTF_8), "split at " + split);
        }
    }

    @Test
    void randomMessagesGiveTheSameResultForEverySplit() throws IOException {
        List<String> lines = List.of("Bcc: a", " cont", "\tcont", "To: t", "resent-BCC : r", "Bc: x", "",
                "Bcc", "X-Y: z", "\r", "Resent-Bcc:", "body line", "From x@y Mon", "From : f", "Fro", "From ");
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            StringBuilder message = new StringBuilder();
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                message.append(lines.get(random.nextInt(lines.size()))).append(random.nextBoolean() ? "\r\n" : "\n");
            }
            byte[] bytes = utf8(message.toString());
            String whole = stripWhole(message.toString());
            assertEquals(whole, stripByteByByte(bytes), message.toString());
            assertEquals(whole, stripInChunks(bytes, random, 7), message.toString());
        }
    }

    @Test
    void longFieldsNeedNoBuffering() throws IOException {
        String longValue = "v".repeat(200_000);
        String input = crlf("X-Long: " + longValue, "Bcc: " + longValue, " " + longValue, "To: t", "", "body");
        assertEquals(crlf("X-Long: " + longValue, "To: t", "", "body"), stripWhole(input));
    }

    @Test
    void refusesBccNameWithHugeWhiteSpaceBeforeColon() {
        String input = "Bcc" + " ".repeat(BccStrippingOutputStream.MAX_HELD_BACK_BYTES + 10) + ": b\r\n\r\n";
        IOException e = assertThrows(IOException.class, () -> stripWhole(input));
        assertTrue(e.getMessage().contains("white space"), e.getMessage());
    }

    @Test
    void flushKeepsPossibleBccStartHeldBackAndCloseReleasesIt() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BccStrippingOutputStream out = new BccStrippingOutputStream(sink);
        out.write(utf8("To: t\r\nBc"));
        out.flush();
        assertEquals("To: t\r\n", sink.toString(StandardCharsets.UTF_8));
        out.write(utf8("c: hidden\r\nSubject: s\r\n"));
        out.flush();
        assertEquals("To: t\r\nSubject: s\r\n", sink.toString(StandardCharsets.UTF_8));
        out.write(utf8("Re"));
        out.close();
        out.close();
        assertEquals("To: t\r\nSubject: s\r\nRe", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsBadRanges() {
        BccStrippingOutputStream out = new BccStrippingOutputStream(new ByteArrayOutputStream());
        assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[4], 3, 2));
    }
}
