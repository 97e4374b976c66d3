package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.message.TestMessages.crlf;
import static org.xsmtp.message.TestMessages.mime;
import static org.xsmtp.message.TestMessages.mimeUtf8;
import static org.xsmtp.message.TestMessages.raw;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeRulesTest {

    private static Envelope fromHeaders(String rawMessage) {
        return EnvelopeRules.resolve(new MimeMessageHeaders(mime(rawMessage)), null, null);
    }

    @Test
    void takesSenderFromFromAndRecipientsFromTo() {
        Envelope e = fromHeaders(crlf("From: Joe <joe@example.com>", "To: Ann <ann@example.com>, bob@example.com", "", "body"));
        assertEquals(new Envelope("joe@example.com", List.of("ann@example.com", "bob@example.com")), e);
    }

    @Test
    void prefersSenderOverFrom() {
        Envelope e = fromHeaders(crlf("From: a@x", "Sender: s@x", "To: t@x", ""));
        assertEquals("s@x", e.sender());
    }

    @Test
    void takesFirstMailboxOfFirstFromField() {
        Envelope e = fromHeaders(crlf("From: a@x, b@y", "From: c@z", "To: t@x", ""));
        assertEquals("a@x", e.sender());
    }

    @Test
    void ordersRecipientsToThenBccThenCc() {
        Envelope e = fromHeaders(crlf("From: f@x", "Cc: c1@x, c2@x", "Bcc: b@x", "To: t1@x,\r\n t2@x", ""));
        assertEquals(List.of("t1@x", "t2@x", "b@x", "c1@x", "c2@x"), e.recipients());
    }

    @Test
    void usesOnlyFirstFieldOfEachKind() {
        Envelope e = fromHeaders(crlf("From: f@x", "To: t1@x", "To: t2@x", "Cc: c1@x", "Cc: c2@x", ""));
        assertEquals(List.of("t1@x", "c1@x"), e.recipients());
    }

    @Test
    void aRecipientThatCannotBeParsedIsAnErrorNamingTheFieldNotASilentDrop() {
        // CPython's getaddresses would yield junk or empty addresses here; skipping them would let the caller
        // believe that everyone got the message
        for (String[] c : new String[][] {
                {"To: Bob <bob@x.org>, foo..bar@docomo.ne.jp, carol@x.org", "'To' header holds 1 address"},
                {"Cc: dave@x.org; erin@x.org", "'Cc' header holds 1 address"},
                {"Bcc: team: a@x.org, b@@y.org;", "'Bcc' header holds 1 address"},
                {"To: Name <a@b> x, c@d", "'To' header holds 1 address"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fromHeaders(crlf("From: f@x", c[0], "")), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains("pass the envelope recipients explicitly"), e.getMessage());
        }
        // explicit recipients: the header is not read for them
        assertEquals(List.of("ok@x"), EnvelopeRules.resolve(TestMessages.raw(crlf("From: f@x", "To: a..b@x", "")),
                null, List.of("ok@x")).recipients());
    }

    @Test
    void keepsDuplicateRecipients() {
        Envelope e = fromHeaders(crlf("From: f@x", "To: a@x, a@x", "Cc: a@x", ""));
        assertEquals(List.of("a@x", "a@x", "a@x"), e.recipients());
    }

    @Test
    void flattensGroupsAndSkipsEmptyGroups() {
        Envelope e = fromHeaders(crlf("From: f@x", "To: undisclosed-recipients:;", "Cc: Team: a@x, \"B\" <b@y>;", ""));
        assertEquals(List.of("a@x", "b@y"), e.recipients());
    }

    @Test
    void returnsNoRecipientsWhenThereAreNoRecipientFields() {
        assertEquals(List.of(), fromHeaders(crlf("From: f@x", "Subject: s", "")).recipients());
    }

    @Test
    void matchesFieldNamesCaseInsensitively() {
        Envelope e = fromHeaders(crlf("FROM: f@x", "sender: s@x", "tO: t@x", "BCC: b@x", ""));
        assertEquals(new Envelope("s@x", List.of("t@x", "b@x")), e);
    }

    @Test
    void oneResentBlockUsesOnlyResentFields() {
        Envelope e = fromHeaders(crlf(
                "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000",
                "Resent-From: rf@x",
                "Resent-To: rt@x",
                "Resent-Cc: rc@x",
                "Resent-Bcc: rb@x",
                "From: f@x",
                "Sender: s@x",
                "To: t@x",
                "Cc: c@x",
                ""));
        assertEquals(new Envelope("rf@x", List.of("rt@x", "rb@x", "rc@x")), e);
    }

    @Test
    void oneResentBlockPrefersResentSender() {
        Envelope e = fromHeaders(crlf("Resent-Date: x", "Resent-From: rf@x", "Resent-Sender: rs@x", "From: f@x", ""));
        assertEquals("rs@x", e.sender());
        assertEquals(List.of(), e.recipients());
    }

    @Test
    void oneResentBlockWithoutResentFromIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fromHeaders(crlf("Resent-Date: x", "From: f@x", "To: t@x", "")));
        assertTrue(e.getMessage().contains("Resent-From"), e.getMessage());
        assertTrue(e.getMessage().contains("explicitly"), e.getMessage());
    }

    @Test
    void twoResentBlocksAreAnErrorEvenWithExplicitSenderAndRecipients() {
        MimeMessageHeaders headers = new MimeMessageHeaders(mime(crlf(
                "Resent-Date: Tue, 2 Jan 2024 10:00:00 +0000", "Resent-From: r2@x",
                "Resent-Date: Mon, 1 Jan 2024 10:00:00 +0000", "Resent-From: r1@x",
                "From: f@x", "To: t@x", "")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnvelopeRules.resolve(headers, "env@x", List.of("rcpt@x")));
        assertTrue(e.getMessage().contains("more than one 'Resent-' header block"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnvelopeRules.resolve(headers, null, null));
    }

    @Test
    void explicitSenderAndRecipientsOverrideHeaders() {
        MimeMessageHeaders headers = new MimeMessageHeaders(mime(crlf("From: f@x", "To: t@x", "")));
        assertEquals(new Envelope("env@x", List.of("r1@x", "r2@x")),
                EnvelopeRules.resolve(headers, "env@x", List.of("r1@x", "r2@x")));
        assertEquals(new Envelope("env@x", List.of("t@x")), EnvelopeRules.resolve(headers, "env@x", null));
        assertEquals(new Envelope("f@x", List.of("r@x")), EnvelopeRules.resolve(headers, null, List.of("r@x")));
    }

    @Test
    void explicitValuesAreUsedAsGivenWithoutParsing() {
        MimeMessageHeaders headers = new MimeMessageHeaders(mime(crlf("Subject: none", "")));
        Envelope e = EnvelopeRules.resolve(headers, "", List.of("Joe <joe@x>"));
        assertEquals(new Envelope("", List.of("Joe <joe@x>")), e);
    }

    @Test
    void explicitRecipientListIsCopied() {
        List<String> to = new ArrayList<>(List.of("a@x"));
        Envelope e = EnvelopeRules.resolve(new MimeMessageHeaders(mime(crlf("From: f@x", ""))), null, to);
        to.add("b@x");
        assertEquals(List.of("a@x"), e.recipients());
        assertThrows(UnsupportedOperationException.class, () -> e.recipients().add("c@x"));
    }

    @Test
    void missingFromAndSenderIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fromHeaders(crlf("To: t@x", "")));
        assertTrue(e.getMessage().contains("'From'"), e.getMessage());
        assertTrue(e.getMessage().contains("explicitly"), e.getMessage());
    }

    @Test
    void missingFromIsNoErrorWhenSenderIsGiven() {
        MimeMessageHeaders headers = new MimeMessageHeaders(mime(crlf("To: t@x", "")));
        assertEquals(new Envelope("env@x", List.of("t@x")), EnvelopeRules.resolve(headers, "env@x", null));
    }

    @Test
    void unparsableFromIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fromHeaders(crlf("From: a@b> NOTIFY=SUCCESS", "To: t@x", "")));
        assertTrue(e.getMessage().contains("no parsable address"), e.getMessage());
    }

    @Test
    void presentButUnparsableSenderIsAnErrorEvenWithValidFrom() {
        assertThrows(IllegalArgumentException.class, () -> fromHeaders(crlf("From: f@x", "Sender: <>", "")));
    }

    @Test
    void worksOnRawHeaderBlock() {
        Envelope e = EnvelopeRules.resolve(raw(crlf("From: Jörg <jörg@exämple.de>", "To: a@x", "Bcc:\r\n b@y", "", "body")),
                null, null);
        assertEquals(new Envelope("jörg@exämple.de", List.of("a@x", "b@y")), e);
        assertTrue(EnvelopeRules.needsSmtpUtf8(e));
    }

    @Test
    void utf8AddressesNeedSmtpUtf8() {
        Envelope e = EnvelopeRules.resolve(new MimeMessageHeaders(mimeUtf8(crlf(
                "From: Jörg <jörg@exämple.de>", "To: Zoë <zoe@example.com>", ""))), null, null);
        assertEquals(new Envelope("jörg@exämple.de", List.of("zoe@example.com")), e);
        assertTrue(EnvelopeRules.needsSmtpUtf8(e));
    }

    @Test
    void utf8DisplayNamesAloneDoNotNeedSmtpUtf8() {
        Envelope e = EnvelopeRules.resolve(new MimeMessageHeaders(mimeUtf8(crlf(
                "From: Jörg <joerg@example.de>", "To: Zoë <zoe@example.com>", ""))), null, null);
        assertFalse(EnvelopeRules.needsSmtpUtf8(e));
    }

    @Test
    void needsSmtpUtf8ChecksSenderAndEveryRecipient() {
        assertFalse(EnvelopeRules.needsSmtpUtf8(new Envelope("a@x", List.of("b@y", "c@z"))));
        assertTrue(EnvelopeRules.needsSmtpUtf8(new Envelope("ä@x", List.of("b@y"))));
        assertTrue(EnvelopeRules.needsSmtpUtf8(new Envelope("a@x", List.of("b@y", "c@zä"))));
        assertTrue(EnvelopeRules.needsSmtpUtf8(new Envelope("a@x", List.of("😀@y"))));
        assertFalse(EnvelopeRules.needsSmtpUtf8(new Envelope("", List.of())));
    }
}
