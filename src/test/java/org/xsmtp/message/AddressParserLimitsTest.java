package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Size limit, linear work on hostile input, and {@link AddressParser#unfold}. */
class AddressParserLimitsTest {

    private static final int NEAR_LIMIT = AddressParser.MAX_INPUT_CHARS - 16;

    @Test
    void refusesInputOverOneMebibyte() {
        String tooLong = "a".repeat(AddressParser.MAX_INPUT_CHARS - 1) + "@x";
        assertNull(AddressParser.parseAddr(tooLong));
    }

    @Test
    void acceptsInputOfExactlyOneMebibyte() {
        String atLimit = "a".repeat(AddressParser.MAX_INPUT_CHARS - 2) + "@x";
        assertNotNull(AddressParser.parseAddr(atLimit));
    }

    static Stream<String> hostileInputs() {
        return Stream.of(
                "(".repeat(NEAR_LIMIT),
                "(a".repeat(NEAR_LIMIT / 2) + ")".repeat(NEAR_LIMIT / 2 - 10),
                "<".repeat(NEAR_LIMIT),
                "\"".repeat(NEAR_LIMIT),
                "\\".repeat(NEAR_LIMIT),
                "a.".repeat(NEAR_LIMIT / 2),
                "a ".repeat(NEAR_LIMIT / 2),
                "g:".repeat(NEAR_LIMIT / 2),
                "<@a,".repeat(NEAR_LIMIT / 4),
                "a@b>".repeat(NEAR_LIMIT / 4),
                "[".repeat(NEAR_LIMIT),
                "\r\n ".repeat(NEAR_LIMIT / 3),
                "g: a@x, ".repeat(NEAR_LIMIT / 8));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("hostileInputs")
    void hostileInputDoesNotHangTheParser(String input) {
        // a hang guard, not a speed check: quadratic work on 1 MiB would take hours
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            AddressParser.parseAddr(input);
            AddressParser.parseList(List.of(input));
        });
    }

    @Test
    void manyListElementsAreAllParsed() {
        String value = "a@x,".repeat(NEAR_LIMIT / 4);
        List<MailboxAddress> result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> AddressParser.parseList(List.of(value)));
        assertEquals(NEAR_LIMIT / 4, result.size());
    }

    @Test
    void unfoldRemovesLineBreaksFollowedByWhiteSpace() {
        assertEquals("a b", AddressParser.unfold("a\r\n b"));
        assertEquals("a\tb", AddressParser.unfold("a\n\tb"));
        assertEquals("a  b", AddressParser.unfold("a\r\n \r\n b"));
    }

    @Test
    void unfoldKeepsOtherLineBreaks() {
        assertEquals("a\r\nb", AddressParser.unfold("a\r\nb"));
        assertEquals("a\r\n", AddressParser.unfold("a\r\n"));
        assertEquals("a\r\r\n b".replace("\r\n ", " "), AddressParser.unfold("a\r\r\n b"));
        assertEquals("a\r b", AddressParser.unfold("a\r b"));
        assertEquals("no breaks", AddressParser.unfold("no breaks"));
    }
}
