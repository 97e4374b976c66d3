package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.xsmtp.message.TestMessages.crlf;
import static org.xsmtp.message.TestMessages.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeMessageHeadersTest {

    private final MimeMessageHeaders headers = new MimeMessageHeaders(
            mime(crlf("To: a@x", "Cc: c@x", "to: b@x,\r\n d@x", "Subject: s", "", "To: body@x")));

    @Test
    void returnsAllValuesInOrderCaseInsensitively() {
        List<String> values = headers.values("TO");
        assertEquals(2, values.size());
        assertEquals("a@x", values.get(0));
        assertEquals("b@x, d@x", AddressParser.unfold(values.get(1)));
    }

    @Test
    void returnsEmptyListForAbsentField() {
        assertEquals(List.of(), headers.values("Bcc"));
    }

    @Test
    void wrapsMessagingException() {
        MessagingException cause = new MessagingException("broken");
        MimeMessage failing = new MimeMessage((Session) null) {
            @Override
            public String[] getHeader(String name) throws MessagingException {
                throw cause;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new MimeMessageHeaders(failing).values("From"));
        assertSame(cause, e.getCause());
    }

    @Test
    void utf8HeaderBytesReadWithoutAllowUtf8AreReadAsUtf8() throws MessagingException {
        // a default Session: Jakarta Mail holds the UTF-8 bytes as ISO-8859-1 characters
        MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(TestMessages.utf8(crlf("From: Jörg <jörg@bücher.example>",
                        "To: René <rené@exämple.de>, plain@x.org", "", "body"))));
        assertEquals("J\u00c3\u00b6rg <j\u00c3\u00b6rg@b\u00c3\u00bccher.example>", m.getHeader("From")[0]);
        MimeMessageHeaders h = new MimeMessageHeaders(m);
        assertEquals(List.of("Jörg <jörg@bücher.example>"), h.values("From"));
        assertEquals(new Envelope("jörg@bücher.example", List.of("rené@exämple.de", "plain@x.org")),
                EnvelopeRules.resolve(h, null, null));
    }

    @Test
    void textThatIsNotUtf8BytesIsKept() throws MessagingException {
        MimeMessage m = new MimeMessage((Session) null);
        m.setHeader("To", "jörg@x.test"); // U+00F6 alone is no UTF-8 sequence
        m.setHeader("Cc", "Ã©@x.test, δ@x.test");
        assertEquals(List.of("jörg@x.test"), new MimeMessageHeaders(m).values("To"));
        assertEquals(List.of("Ã©@x.test, δ@x.test"), new MimeMessageHeaders(m).values("Cc"));
    }

    @Test
    void rejectsNullMessage() {
        assertThrows(NullPointerException.class, () -> new MimeMessageHeaders(null));
    }
}
