package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AddressParser#parseAddr}. Expected values in {@link #sameAsPython()} are the output of
 * Python 3.11.7's {@code email.utils.parseaddr} on the same input, recorded by hand.
 */
class AddressParserParseAddrTest {

    static Stream<Arguments> sameAsPython() {
        return Stream.of(
                Arguments.of("user@example.com", "", "user@example.com"),
                Arguments.of("Joe Q. Public <john.q.public@example.com>", "Joe Q. Public", "john.q.public@example.com"),
                Arguments.of("\"Joe Q. Public\" <john.q.public@example.com>", "Joe Q. Public", "john.q.public@example.com"),
                Arguments.of("Joe  Q.   Public <a@x>", "Joe Q. Public", "a@x"),
                Arguments.of("a\t b <a@x>", "a b", "a@x"),
                Arguments.of("\"Joe\" Q <a@x>", "Joe Q", "a@x"),
                Arguments.of("John Doe <jdoe@machine.example>", "John Doe", "jdoe@machine.example"),
                Arguments.of("\"Giant; \\\"Big\\\" Box\" <sysservices@example.net>", "Giant; \"Big\" Box", "sysservices@example.net"),
                Arguments.of("=?utf-8?q?J=C3=B6rg?= <j@x>", "=?utf-8?q?J=C3=B6rg?=", "j@x"),
                Arguments.of("joe@x (Joe Bloggs)", "Joe Bloggs", "joe@x"),
                Arguments.of("joe@x (a) (b)", "a b", "joe@x"),
                Arguments.of("<joe@x>", "", "joe@x"),
                Arguments.of("<joe@x>(c)", "", "joe@x"),
                Arguments.of("Joe <joe@x> (c)", "Joe", "joe@x"),
                Arguments.of("\"a b\"@x", "", "\"a b\"@x"),
                Arguments.of("\"a\\\"b\"@x", "", "\"a\\\"b\"@x"),
                Arguments.of("\"a\\ b\"@x", "", "\"a b\"@x"),
                Arguments.of("\"\\\\\"@x", "", "\"\\\\\"@x"),
                Arguments.of("\"joe\"@x", "", "\"joe\"@x"),
                Arguments.of("\"a\".b@x", "", "\"a\".b@x"),
                Arguments.of("joe.\"b c\"@x", "", "joe.\"b c\"@x"),
                Arguments.of("\"\"@x", "", "\"\"@x"),
                Arguments.of("\" \"@x", "", "\" \"@x"),
                Arguments.of("a.b.c@d.e.f", "", "a.b.c@d.e.f"),
                Arguments.of("joe@X.Example.COM", "", "joe@X.Example.COM"),
                Arguments.of("user", "", "user"),
                Arguments.of("<postmaster>", "", "postmaster"),
                Arguments.of("Joe <joe>", "Joe", "joe"),
                Arguments.of("user@[127.0.0.1]", "", "user@[127.0.0.1]"),
                Arguments.of("x@[1.2.3.4]", "", "x@[1.2.3.4]"),
                Arguments.of("Mary Smith <@node.test:mary@example.net>", "Mary Smith", "mary@example.net"),
                Arguments.of("jdoe@test   . example", "", "jdoe@test.example"),
                Arguments.of("Mary Smith\r\n   \r\n <mary@example.net>", "Mary Smith", "mary@example.net"),
                Arguments.of("Jörg <jörg@exämple.de>", "Jörg", "jörg@exämple.de"),
                Arguments.of("Jörg@exämple.de", "", "Jörg@exämple.de"),
                Arguments.of("\"Jörg\" <j@x>", "Jörg", "j@x"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sameAsPython")
    void parsesLikePython(String input, String displayName, String addrSpec) {
        assertEquals(new MailboxAddress(displayName, addrSpec), AddressParser.parseAddr(input));
    }

    /** Well-formed inputs where this parser deliberately differs from Python 3.11. */
    static Stream<Arguments> differentFromPython() {
        return Stream.of(
                // Python: ('Pete (A nice ) chap his account his host)', 'pete@silly.test'); comments
                // never join the display name of a name-addr here.
                Arguments.of("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", "Pete", "pete@silly.test"),
                // Python: ('', ''); it does not understand a route with two hops.
                Arguments.of("<@route1,@route2:joe@x>", "", "joe@x"),
                Arguments.of("Joe <@a.example,,@b.example:joe@x>", "Joe", "joe@x"),
                // Python: ('', 'a'); the fold is removed first, as RFC 5322 prescribes.
                Arguments.of("\"a\r\n b\"@x", "", "\"a b\"@x"),
                // Python keeps the spaces inside the brackets.
                Arguments.of("x@[ 1.2.3.4 ]", "", "x@[1.2.3.4]"),
                // Python: ('John Doe (comment)', ...).
                Arguments.of("John Doe <jdoe@machine(comment).  example>", "John Doe", "jdoe@machine.example"),
                // Python: ('a b c', ...); nested parentheses are kept in the comment text.
                Arguments.of("joe@x (a (b) c)", "a (b) c", "joe@x"),
                // Python: ('c c', ...); only comments after the addr-spec name it.
                Arguments.of("joe (c) @ x", "", "joe@x"),
                Arguments.of("\"a b\"", "", "\"a b\""),
                Arguments.of("\"😀\" <a@x>", "😀", "a@x"),
                Arguments.of("😀@exämple.de", "", "😀@exämple.de"),
                Arguments.of("Joe\r\n\t<joe@x>", "Joe", "joe@x"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("differentFromPython")
    void parsesWellFormedInputsWherePythonDiffers(String input, String displayName, String addrSpec) {
        assertEquals(new MailboxAddress(displayName, addrSpec), AddressParser.parseAddr(input));
    }

    /**
     * Inputs that are not exactly one mailbox. Python 3.11 returns a partial address for many of
     * them (noted); this parser returns null.
     */
    static Stream<String> notOneMailbox() {
        return Stream.of(
                "",
                "   ",
                "(just a comment)",
                "<>", // Python ('', '')
                "a@b> NOTIFY=SUCCESS", // Python ('', 'a@b')
                "<a@b> NOTIFY=SUCCESS",
                "\"unbalanced@x", // Python ('', 'unbalanced@x')
                "<a@b", // Python ('', 'a@b')
                "Joe <a@x",
                "a@b (unclosed", // Python ('unclosed', 'a@b')
                "a@x)",
                "a@x]",
                "<a@x>>",
                "<<a@x>",
                "a@x, b@y", // Python ('', 'a@x')
                "<a@x> <b@y>", // Python ('', 'a@x')
                "Joe <joe@x>,", // Python ('Joe', 'joe@x')
                "joe@x;", // Python ('', 'joe@x')
                "Joe <joe@x> junk", // Python ('Joe', 'joe@x')
                "Friends: a@x, \"B\" <b@y>;", // Python ('', 'a@x')
                "g: a@x;", // a group is not a mailbox
                "undisclosed-recipients:;",
                "a@b@c",
                "a b@c", // Python ('', 'a b@c')
                "foo bar", // Python ('', 'foo')
                "@x", // Python ('', '@x')
                "user@",
                "a..b@x", // Python ('', 'a..b@x')
                ".a@x",
                "a.@x",
                "a@x.",
                "a@.x",
                "a@x..y",
                "\"a\"b@x",
                "user@[1.2.3.4", // Python ('', 'user@[1.2.3.4]')
                "a@[]",
                "a@[1.2[3]",
                "a@[1.2.3.4\u0001]",
                "<@x>",
                "<@route:>",
                "<@route>",
                ".Joe <a@x>",
                "a\\b@x",
                "a\u0001b@x",
                "a\u007fb@x",
                "j\uFFFDrg@x",
                "j\uD800rg@x",
                "\"j\uDC00rg\"@x",
                "\"a\nb\"@x", // Python ('', '"a\nb"@x')
                "\"a\rb\"@x",
                "\"a\u0000b\"@x",
                "\"a\\\nb\"@x",
                "\"a\r\nRCPT TO:<evil@x>\"@x",
                "a@b\r\nRCPT TO:<evil@x>");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notOneMailbox")
    void returnsNullWhenNotExactlyOneMailbox(String input) {
        assertNull(AddressParser.parseAddr(input));
    }

    @Test
    void returnsNullForNull() {
        assertNull(AddressParser.parseAddr(null));
    }
}
