package org.xsmtp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.message.TestMessages.crlf;
import static org.xsmtp.message.TestMessages.mime;
import static org.xsmtp.message.TestMessages.utf8;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BccFreeWriterTest {

    @Test
    void omitsBccFieldsOfParsedMessageAndKeepsEverythingElse() throws Exception {
        MimeMessage message = mime(crlf(
                "From: f@x",
                "To: t@x",
                "Bcc: hidden1@x,",
                " hidden2@x",
                "Subject: hello",
                "BCC: hidden3@x",
                "resent-bcc: hidden4@x",
                "",
                "Bcc: this body line stays",
                "end"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BccFreeWriter.write(message, out);
        String expected = crlf("From: f@x", "To: t@x", "Subject: hello", "", "Bcc: this body line stays", "end");
        assertArrayEquals(utf8(expected), out.toByteArray());
        assertEquals(2, message.getHeader("Bcc").length);
        assertEquals(1, message.getHeader("Resent-Bcc").length);
    }

    @Test
    void omitsBccOfMessageBuiltInMemoryAndLeavesItOnTheObject() throws Exception {
        MimeMessage message = new MimeMessage((Session) null);
        message.setFrom("f@x");
        message.setRecipients(Message.RecipientType.TO, "t@x");
        message.setRecipients(Message.RecipientType.BCC, "hidden@x");
        message.setSubject("s");
        message.setText("hello");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BccFreeWriter.write(message, out);
        String written = out.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains("hidden@x"), written);
        assertTrue(written.contains("\r\nTo: t@x\r\n"), written);
        assertTrue(written.endsWith("\r\n\r\nhello"), written);
        assertEquals("hidden@x", message.getHeader("Bcc", ","));
    }
}
