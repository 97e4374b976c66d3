package org.xsmtp.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xsmtp.smtp.RecipientResult;
import org.xsmtp.smtp.Reply;
import org.xsmtp.smtp.SmtpClient;
import org.xsmtp.smtp.SmtpOptions;

/** Issue #2 acceptance: one message to three recipients through GreenMail, read back from every mailbox. */
@Timeout(60)
class GreenMailAcceptanceTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final List<String> TO = List.of("alice@y.test", "bob@y.test", "carol@z.test");
    private static final String HEADERS = "From: Sender <sender@x.test>\r\n"
            + "To: Alice <alice@y.test>, bob@y.test\r\n"
            + "Cc: carol@z.test\r\n"
            + "Subject: three recipients\r\n"
            + "Message-ID: <greenmail-acceptance@x.test>\r\n"
            + "Date: Tue, 1 Jul 2025 10:00:00 +0000\r\n"
            + "X-Folded: first part\r\n second part\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n";
    private static final String BODY = "Hello all,\n.a line starting with a dot\r\n..two dots\r\n.\r\nbare cr\rend";
    /** GreenMail keeps every line end but the CRLF before the terminating dot (checked on the wire below). */
    private static final String BODY_AS_STORED = "Hello all,\r\n.a line starting with a dot\r\n..two dots\r\n.\r\n"
            + "bare cr\r\nend";

    @Test
    void sendmailToThreeRecipientsDeliversTheSameMessageToEachMailbox() throws Exception {
        assertEquals("127.0.0.1", GREENMAIL.getSmtp().getBindTo());
        int port = GREENMAIL.getSmtp().getPort();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SmtpOptions options = SmtpOptions.builder().localHostname("client.test").timeout(Duration.ofSeconds(10))
                .debugLevel(1).debugOut(new PrintStream(wire, true, StandardCharsets.UTF_8)).build();
        try (SmtpClient client = new SmtpClient("127.0.0.1", port, options)) {
            Map<String, Reply> refused = client.sendmail("sender@x.test", TO, HEADERS + "\r\n" + BODY);
            assertEquals(Map.of(), refused);
            List<RecipientResult> results = client.lastRecipientResults();
            assertEquals(TO, results.stream().map(RecipientResult::recipient).toList());
            assertTrue(results.stream().allMatch(RecipientResult::delivered), results.toString());
            assertEquals(250, client.noop().code());
        }
        String trace = wire.toString(StandardCharsets.UTF_8);
        assertTrue(trace.contains("\\r\\n..a line starting with a dot\\r\\n...two dots\\r\\n..\\r\\nbare cr\\r\\nend\\r\\n.\\r\\n'"),
                trace);
        assertTrue(GREENMAIL.waitForIncomingEmail(5000, 3));
        MimeMessage[] all = GREENMAIL.getReceivedMessages();
        assertEquals(3, all.length);
        for (String recipient : TO) {
            List<MimeMessage> copies = GREENMAIL.findReceivedMessages(u -> u.getEmail().equals(recipient), m -> true)
                    .toList();
            assertEquals(1, copies.size(), recipient);
            MimeMessage m = copies.get(0);
            assertEquals("Sender <sender@x.test>", m.getHeader("From", ","));
            assertEquals("Alice <alice@y.test>, bob@y.test", m.getHeader("To", ","));
            assertEquals("carol@z.test", m.getHeader("Cc", ","));
            assertEquals("three recipients", m.getSubject());
            assertEquals("<greenmail-acceptance@x.test>", m.getMessageID());
            assertEquals("first part\r\n second part", m.getHeader("X-Folded", ","));
            assertEquals(3, m.getRecipients(Message.RecipientType.TO).length + m.getRecipients(Message.RecipientType.CC).length);
            assertEquals("<sender@x.test>", m.getHeader("Return-Path", ","));
            assertArrayEquals(BODY_AS_STORED.getBytes(StandardCharsets.US_ASCII), raw(m), recipient);
            String whole = GreenMailUtil.getWholeMessage(m);
            assertTrue(whole.contains(HEADERS), whole);
            assertTrue(whole.endsWith("\r\n\r\n" + BODY_AS_STORED), whole);
        }
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        try (InputStream in = m.getRawInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Test
    void everyRecipientsCopyIsIdenticalWhenSentAsBytes() throws Exception {
        int port = GREENMAIL.getSmtp().getPort();
        try (SmtpClient client = new SmtpClient("127.0.0.1", port,
                SmtpOptions.builder().localHostname("client.test").timeout(Duration.ofSeconds(10)).build())) {
            client.sendmail("sender@x.test", TO, (HEADERS + "\r\n" + BODY).getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(GREENMAIL.waitForIncomingEmail(5000, 3));
        List<String> copies = Arrays.stream(GREENMAIL.getReceivedMessages()).map(GreenMailUtil::getWholeMessage)
                .toList();
        assertEquals(3, copies.size());
        for (String copy : copies) {
            // GreenMail prepends Return-Path and Received; from there on every copy is what was sent
            assertTrue(copy.endsWith(HEADERS + "\r\n" + BODY_AS_STORED), copy);
            assertEquals(copies.get(0).substring(copies.get(0).indexOf(HEADERS)), copy.substring(copy.indexOf(HEADERS)));
        }
    }
}
