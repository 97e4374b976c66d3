package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AddressParser#parseList}. Expected values in {@link #sameAsPython()} are the output of
 * Python 3.11.7's {@code email.utils.getaddresses} on the same values, recorded by hand.
 */
class AddressParserParseListTest {

    private static MailboxAddress mb(String displayName, String addrSpec) {
        return new MailboxAddress(displayName, addrSpec);
    }

    private static MailboxAddress mb(String addrSpec) {
        return mb("", addrSpec);
    }

    static Stream<Arguments> sameAsPython() {
        return Stream.of(
                Arguments.of(List.of("a@x, b@y", "Friends: c@z;", "d@w"),
                        List.of(mb("a@x"), mb("b@y"), mb("c@z"), mb("d@w"))),
                Arguments.of(List.of("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>"),
                        List.of(mb("Mary Smith", "mary@x.test"), mb("jdoe@example.org"), mb("Who?", "one@y.test"))),
                Arguments.of(List.of("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>"),
                        List.of(mb("boss@nil.test"), mb("Giant; \"Big\" Box", "sysservices@example.net"))),
                Arguments.of(List.of("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;"),
                        List.of(mb("Ed Jones", "c@a.test"), mb("joe@where.test"), mb("John", "jdoe@one.test"))),
                Arguments.of(List.of("Friends: a@x, \"B\" <b@y>;"), List.of(mb("a@x"), mb("B", "b@y"))),
                Arguments.of(List.of("g: a@x"), List.of(mb("a@x"))),
                Arguments.of(List.of("g:a@x;, b@y"), List.of(mb("a@x"), mb("b@y"))),
                Arguments.of(List.of("a@x, a@x"), List.of(mb("a@x"), mb("a@x"))),
                Arguments.of(List.of("a@x,\r\n b@y", "Joe\r\n\t<joe@x>"), List.of(mb("a@x"), mb("b@y"), mb("Joe", "joe@x"))),
                Arguments.of(List.of("Jörg <jörg@exämple.de>, \"Zoë\" <zoe@exämple.de>"),
                        List.of(mb("Jörg", "jörg@exämple.de"), mb("Zoë", "zoe@exämple.de"))),
                Arguments.of(List.of("\"a, b@evil\" <c@x>"), List.of(mb("a, b@evil", "c@x"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sameAsPython")
    void parsesLikePython(List<String> values, List<MailboxAddress> expected) {
        assertEquals(expected, AddressParser.parseList(values));
    }

    /** Where Python returns ('', '') or partial entries, nothing or fewer entries come back. */
    static Stream<Arguments> malformedOrEmptyElements() {
        return Stream.of(
                // Python: [('', '')]
                Arguments.of("undisclosed-recipients:;", List.of()),
                Arguments.of("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;", List.of()),
                Arguments.of("<>", List.of()),
                Arguments.of("<>, a@x", List.of(mb("a@x"))),
                Arguments.of("", List.of()),
                Arguments.of(" (only a comment) ", List.of()),
                // Python: [('', 'a@x'), ('', ''), ('', 'b@y')]
                Arguments.of("a@x,,b@y", List.of(mb("a@x"), mb("b@y"))),
                Arguments.of(",joe@x", List.of(mb("joe@x"))),
                // RFC 5322 appendix A.6.3; Python: [mary, ('', ''), jdoe@test.example]
                Arguments.of("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
                        List.of(mb("Mary Smith", "mary@example.net"), mb("jdoe@test.example"))),
                Arguments.of("Joe <joe@x>,", List.of(mb("Joe", "joe@x"))),
                // Python: [('', 'a@b'), ('', ''), ('', 'NOTIFY=SUCCESS'), ('', 'c@d')]
                Arguments.of("a@b> NOTIFY=SUCCESS, c@d", List.of(mb("c@d"))),
                Arguments.of("a@b> NOTIFY=SUCCESS", List.of()),
                // Semicolons are not list separators; Python: [('', 'a@x'), ('', ''), ('', 'b@y')]
                Arguments.of("a@x; b@y", List.of()),
                Arguments.of("bad@, good@x", List.of(mb("good@x"))),
                Arguments.of("a b@c, good@x", List.of(mb("good@x"))),
                Arguments.of("\"unterminated, a@x", List.of()),
                Arguments.of("a@x, \"unterminated, b@y", List.of(mb("a@x"))),
                Arguments.of("a@x, (unterminated, b@y", List.of(mb("a@x"))),
                Arguments.of("a@x, <b@y, c@z", List.of(mb("a@x"))),
                Arguments.of("a@x, [b, c@z", List.of(mb("a@x"))),
                Arguments.of("\"a\nb\"@x, c@y", List.of(mb("c@y"))),
                Arguments.of("\"a\nb, evil@x\" <c@y>, d@z", List.of(mb("d@z"))),
                Arguments.of("Joe <a@x, b@y>, c@z", List.of(mb("c@z"))),
                // A malformed member is skipped alone.
                Arguments.of("g: a@x, bad@, \"B\" <b@y>; , c@z", List.of(mb("a@x"), mb("B", "b@y"), mb("c@z"))),
                Arguments.of("g: a@x, <b@y; c@z", List.of(mb("a@x"))),
                // Junk after a group spoils the whole group; Python: [a@x, junk, c@z]
                Arguments.of("g: a@x; junk, c@z", List.of(mb("c@z"))),
                // A group needs a display name.
                Arguments.of(": a@x;, c@z", List.of(mb("c@z"))),
                Arguments.of("a@x, )b@y, c@z", List.of(mb("a@x"), mb("c@z"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedOrEmptyElements")
    void skipsMalformedAndEmptyElements(String value, List<MailboxAddress> expected) {
        assertEquals(expected, AddressParser.parseList(List.of(value)));
    }

    @Test
    void rfc5322GroupWithCommentsAndFolding() {
        String value = "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n"
                + "         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)";
        // Python names the first mailbox "Chris Jones (Chris's host.)"; the addr-specs agree.
        assertEquals(List.of(mb("Chris Jones", "c@public.example"), mb("joe@example.org"), mb("John", "jdoe@one.test")),
                AddressParser.parseList(List.of(value)));
    }

    @Test
    void eachValueIsParsedOnItsOwn() {
        // Joined with ", " as Python does, the open quote would swallow the second value.
        assertEquals(List.of(mb("b@y")), AddressParser.parseList(List.of("\"a@x", "b@y")));
        assertEquals(List.of(mb("a@x"), mb("b@y")), AddressParser.parseList(List.of("g: a@x", "b@y")));
    }

    @Test
    void skipsNullValues() {
        assertEquals(List.of(mb("a@x")), AddressParser.parseList(Arrays.asList(null, "a@x", null)));
    }

    @Test
    void returnsEmptyListForNoValues() {
        assertEquals(List.of(), AddressParser.parseList(List.of()));
    }

    @Test
    void skipsValuesOverTheLimitButKeepsOthers() {
        String huge = "a@x, ".repeat(AddressParser.MAX_INPUT_CHARS / 5 + 1);
        assertEquals(List.of(mb("b@y")), AddressParser.parseList(List.of(huge, "b@y")));
    }

    @Test
    void parsesManyAddressesInOrder() {
        List<String> expected = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.add("user" + i + "@example.com");
            value.append(i % 2 == 0 ? "User " + i + " <user" + i + "@example.com>" : "user" + i + "@example.com")
                    .append(",\r\n ");
        }
        List<String> actual = AddressParser.parseList(List.of(value.toString())).stream()
                .map(MailboxAddress::addrSpec).toList();
        assertEquals(expected, actual);
    }
}
