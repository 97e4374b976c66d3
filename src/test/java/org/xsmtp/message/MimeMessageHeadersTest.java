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
    void rejectsNullMessage() {
        assertThrows(NullPointerException.class, () -> new MimeMessageHeaders(null));
    }
}
