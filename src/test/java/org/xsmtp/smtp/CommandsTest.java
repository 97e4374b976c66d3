package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** The low-level smtplib methods, each on the exact bytes written. */
class CommandsTest {
    private static final SmtpOptions ME = SmtpOptions.builder().localHostname("me.test").build();

    @Test
    void docmdPutcmdAndGetreply() throws Exception {
        Dialog dialog = Dialog.esmtp().on("XTEST", "250-one", "250 two").on("NOOP", "250 2.0.0 Ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                assertEquals(new Reply(250, "one\ntwo"), client.docmd("XTEST", "a b"));
                assertEquals(new Reply(250, "one\ntwo"), client.docmd("XTEST"));
                client.putcmd("NOOP", "");
                assertEquals(new Reply(250, "2.0.0 Ok"), client.getreply());
            }
            assertEquals("XTEST a b\r\nXTEST\r\nNOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void verifyExpnHelpRsetNoop() throws Exception {
        Dialog dialog = Dialog.esmtp().on("VRFY", "252 2.0.0 cannot verify").on("EXPN", "502 5.5.1 no")
                .on("HELP", "214-2.0.0 commands", "214 2.0.0 end");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                assertEquals(252, client.verify("Joe <joe@x.test>").code());
                assertEquals(502, client.expn("list@x.test").code());
                assertEquals("2.0.0 commands\n2.0.0 end", client.help());
                assertEquals("2.0.0 commands\n2.0.0 end", client.help("MAIL"));
                assertEquals(250, client.rset().code());
                assertEquals(250, client.noop().code());
            }
            assertEquals("VRFY joe@x.test\r\nEXPN list@x.test\r\nHELP\r\nHELP MAIL\r\nRSET\r\nNOOP\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void lowLevelTransactionWithData() throws Exception {
        Dialog dialog = Dialog.esmtp("SIZE").on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go")
                .onData("250 2.0.0 queued as 1").onData("250 2.0.0 queued as 2").onData("250 2.0.0 queued as 3");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                client.ehlo();
                assertEquals(250, client.mail("Me <a@x.test>", List.of("BODY=8BITMIME")).code());
                assertEquals(250, client.rcpt("b@y.test", List.of("NOTIFY=NEVER")).code());
                assertEquals(new Reply(250, "2.0.0 queued as 1"), client.data("line\n.dot"));
                client.mail("a@x.test");
                client.rcpt("b@y.test");
                assertEquals(new Reply(250, "2.0.0 queued as 2"),
                        client.data("x\r\ny".getBytes(StandardCharsets.US_ASCII)));
                client.mail("a@x.test");
                client.rcpt("b@y.test");
                assertEquals(new Reply(250, "2.0.0 queued as 3"),
                        client.data(new ByteArrayInputStream("z".getBytes(StandardCharsets.US_ASCII))));
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test> BODY=8BITMIME\r\nRCPT TO:<b@y.test> NOTIFY=NEVER\r\n"
                    + "DATA\r\nline\r\n..dot\r\n.\r\n"
                    + "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\nx\r\ny\r\n.\r\n"
                    + "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\nz\r\n.\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void lowLevelDataRefusedIsDataErrorWithoutRset() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "503 5.5.1 bad sequence");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                client.mail("a@x.test");
                client.rcpt("b@y.test");
                SmtpDataException e = assertThrows(SmtpDataException.class, () -> client.data("x"));
                assertEquals(503, e.code());
            }
            assertEquals("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void lowLevelDataAfterEveryRecipientRefusedReturnsTheEndOfDataReply() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "550 5.1.1 no such user")
                .on("DATA", "354 go").onData("554 5.5.1 no valid recipients");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                client.mail("a@x.test");
                assertEquals(550, client.rcpt("b@y.test").code());
                assertEquals(550, client.rcpt("c@y.test").code());
                assertEquals(new Reply(554, "5.5.1 no valid recipients"), client.data("x"));
                List<RecipientResult> results = client.lastRecipientResults();
                assertEquals(List.of("b@y.test", "c@y.test"), results.stream().map(RecipientResult::recipient).toList());
                assertTrue(results.stream().allMatch(r -> r.finalReply() == null && !r.delivered()));
                assertEquals(250, client.noop().code());
            }
            assertEquals("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\nx\r\n.\r\n"
                    + "NOOP\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void failingMessageSourceDropsTheConnectionSoNoPartialMessageIsDelivered() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            client.mail("a@x.test");
            client.rcpt("b@y.test");
            InputStream failing = new InputStream() {
                private int n;

                @Override
                public int read() throws IOException {
                    if (n++ < 10) {
                        return 'a';
                    }
                    throw new IOException("disk gone");
                }
            };
            SmtpException e = assertThrows(SmtpException.class, () -> client.data(failing));
            assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
            assertFalse(client.isConnected());
            assertFalse(server.transcript().contains("\r\n.\r\n"), server.transcript());
        }
    }

    @Test
    void lowLevelOptionsAreDroppedWithoutEhlo() throws Exception {
        Dialog dialog = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME)) {
                client.helo();
                client.mail("a@x.test", List.of("SMTPUTF8"));
                client.rcpt("b@y.test", List.of("NOTIFY=NEVER"));
            }
            assertEquals("HELO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void lineBreaksAndNulInAnyArgumentAreRejectedWithNothingWritten() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            for (String bad : List.of("a\r\nRSET", "a\nb", "a\rb", "a\u0000b", "a\u760Ab", "a\u760Db")) {
                assertThrows(IllegalArgumentException.class, () -> client.docmd("NOOP", bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.docmd(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.verify(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.expn(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.help(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.mail(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.rcpt(bad), bad);
                if (bad.chars().anyMatch(c -> c < 0x20)) {
                    // before EHLO smtplib drops options, but a line break in one is refused all the same
                    assertThrows(IllegalArgumentException.class, () -> client.mail("a@b", List.of("X=" + bad)));
                }
                assertThrows(IllegalArgumentException.class, () -> client.ehlo(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> client.helo(bad), bad);
            }
            client.abort();
            assertEquals("", server.transcript());
        }
    }

    @Test
    void closeSendsQuitAndAbortDoesNot() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            client.close();
            assertFalse(client.isConnected());
            client.close();
            assertEquals("QUIT\r\n", server.transcript());
        }
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            client.abort();
            assertEquals("", server.transcript());
        }
    }

    @Test
    void closeReportsAQuitThatIsNot221ButStillCloses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.greeting("220 x").on("QUIT", "500 what"))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            SmtpResponseException e = assertThrows(SmtpResponseException.class, client::close);
            assertEquals(500, e.code());
            assertFalse(client.isConnected());
        }
    }

    @Test
    void aMessageAcceptedBeforeQuitStaysAcceptedWhenQuitGets421OrNoAnswer() throws Exception {
        Dialog closing = Dialog.esmtp().on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go")
                .onClose("QUIT", "421 4.3.2 shutting down");
        try (ScriptedServer server = ScriptedServer.start(closing)) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            assertEquals(java.util.Map.of(), client.sendmail("a@x.test", List.of("b@y.test"), "x"));
            client.close();
            assertFalse(client.isConnected());
        }
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read().reply("250 x").read().reply("250 ok").read()
                .reply("250 ok").read().reply("354 go").readData().reply("250 queued").read().pause(1500))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(),
                    ME.toBuilder().timeout(java.time.Duration.ofMillis(300)).build());
            client.helo();
            assertEquals(java.util.Map.of(), client.sendmail("a@x.test", List.of("b@y.test"), "x"));
            client.close();
            assertFalse(client.isConnected());
        }
    }

    @Test
    void quitReturnsTheReplyAndForgetsTheSession() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("SIZE 5"))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            client.ehlo();
            assertEquals(new Reply(221, "2.0.0 Bye"), client.quit());
            assertFalse(client.isConnected());
            assertFalse(client.hasExtn("size"));
            assertEquals(null, client.ehloResp());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user@example.com|<user@example.com>",
        "Joe Q. Public <john.q.public@example.com>|<john.q.public@example.com>",
        "joe@x (Joe Bloggs)|<joe@x>",
        "<joe@x>|<joe@x>",
        "''|<>",
        "<>|<>",
        "user|<user>",
    })
    void quoteaddr(String in, String expected) {
        assertEquals(expected, SmtpClient.quoteaddr(in));
    }

    @Test
    void quotedata() {
        assertEquals("..a\r\nb\r\n..c\r\nd\r\n\r\n..", SmtpClient.quotedata(".a\nb\r.c\r\nd\r\n\r\n."));
        assertEquals("x.y", SmtpClient.quotedata("x.y"));
    }

    @Test
    void replyTextThatIsNotUtf8IsKeptWithoutLoss() throws Exception {
        byte[] reply = {'2', '5', '0', ' ', 'o', 'k', (byte) 0xFF, 0, (byte) 0xC3, (byte) 0xA9, '\r', '\n'};
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").read().raw(reply).readToEnd())) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(), ME);
            Reply r = client.noop();
            assertEquals(250, r.code());
            assertArrayEquals(new byte[] {'o', 'k', (byte) 0xFF, 0, (byte) 0xC3, (byte) 0xA9}, r.messageBytes());
            assertTrue(r.message().endsWith("é"));
            client.abort();
        }
    }
}
