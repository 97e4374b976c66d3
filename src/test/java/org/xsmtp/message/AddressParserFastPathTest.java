package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser's shortcut for plain addresses ({@link AddressParser#isPlainAddrSpec}, the plain-list case of
 * {@link AddressParser#parseList}) must give exactly what the tokenizer and grammar give.
 */
class AddressParserFastPathTest {
    private static final List<String> PLAIN = List.of("a@b", "user@example.com", "first.last@sub.example.org",
            "x+tag@y.test", "o'brien@x.test", "!#$%&'*+-/=?^_`{|}~@x.test", "UPPER@Example.COM", "1@2.3",
            "a@b.c.d.e");
    private static final List<String> NOT_PLAIN = List.of("", "@", "a@", "@b", "a", ".a@b", "a.@b", "a..b@c",
            "a@.b", "a@b.", "a@b..c", "a@@b", "a@b@c", "a b@c", "\"a b\"@c", "a@[1.2.3.4]", "<a@b>",
            "Name <a@b>", "a@b (comment)", "a(c)@b", "é@x.test", "a@é.test", "a,b@c", "a;b@c", "a:b@c",
            "a\\b@c", "a\r\n@b", "a\t@b", "a@b\u0000");

    @Test
    void plainAddressesAreTheirOwnAddrSpec() {
        for (String a : PLAIN) {
            assertTrue(AddressParser.isPlainAddrSpec(a), a);
            MailboxAddress full = AddressListParser.parseSingle(AddressTokenizer.tokenize(a));
            assertNotNull(full, a);
            assertEquals(new MailboxAddress("", a), full, a);
        }
    }

    @Test
    void anythingElseGoesThroughTheParser() {
        for (String a : NOT_PLAIN) {
            assertFalse(AddressParser.isPlainAddrSpec(a), a);
        }
    }

    @Test
    void listsGiveWhatTheFullParserGives() {
        List<String> values = List.of("a@b", " a@b ", "a@b, c@d", "a@b,c@d,e@f", "\ta@b ,\tc@d\t", "a@b,,c@d",
                "a@b,", ",a@b", "a@b, Name <c@d>", "a@b, c d@e", "a@b,\r\n c@d", "a@b, \"q\"@c", "a@b, x", "",
                " ", "a@b, c@d (comment)", "a@b, group: c@d;", "rcpt1@bench.test, rcpt2@bench.test, rcpt3@bench.test",
                "Name <a@b>", "<a@b>", " <a@b> ", "Two  Words\t<a@b>", "Name<a@b>", "A B C <a@b>, D <c@d>, e@f",
                "J. Doe <a@b>", "\"Doe, J\" <a@b>", "Doe, J <a@b>", "Name <a@b> x", "Name <<a@b>>", "Name <a@b",
                "Name a@b>", "Na<me <a@b>", "Name <@r:a@b>", "Name <a b@c>", "=?utf-8?q?x?= <a@b>", "Ünï <a@b>",
                "Name (c) <a@b>", "Name <a@b> (c)", "x <a@b>, <c@d>, e@f, G H <i@j>");
        for (String v : values) {
            assertEquals(AddressListParser.parseList(AddressTokenizer.tokenize(AddressParser.unfold(v))).mailboxes(),
                    AddressParser.parseList(List.of(v)), v);
        }
    }
}
