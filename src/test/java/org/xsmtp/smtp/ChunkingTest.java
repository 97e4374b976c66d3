package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** RFC 3030 CHUNKING: BDAT framing, no dot-stuffing, the same failure rules as DATA. */
class ChunkingTest {
    private static final String MSG = "Subject: t\n\n.dot line\r\nend";
    private static final String CANONICAL = "Subject: t\r\n\r\n.dot line\r\nend\r\n";

    private static SmtpClient client(ScriptedServer server, boolean pipelining) throws IOException {
        SmtpOptions options = SmtpOptions.builder().localHostname("me.test").pipelining(pipelining)
                .timeout(Duration.ofSeconds(5)).build();
        return new SmtpClient("127.0.0.1", server.port(), options);
    }

    private static Dialog chunking(boolean pipelining) {
        Dialog d = pipelining ? Dialog.esmtp("PIPELINING", "CHUNKING", "SIZE 100000000")
                : Dialog.esmtp("CHUNKING", "SIZE 100000000");
        return d.on("MAIL", "250 2.1.0 ok").on("RCPT", "250 2.1.5 ok").on("BDAT", "250 2.0.0 ok");
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void smallMessageIsOneLastChunkWithoutDotStuffing(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(chunking(pipelining))) {
            try (SmtpClient client = client(server, pipelining)) {
                assertEquals(Map.of(), client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test> SIZE=" + (CANONICAL.length() - 2) + "\r\n"
                    + "RCPT TO:<b@y.test>\r\nBDAT " + CANONICAL.length() + " LAST\r\n" + CANONICAL + "QUIT\r\n",
                    server.transcript());
        }
    }

    @Test
    void chunkingCanBeTurnedOff() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(chunking(true).on("DATA", "354 go"))) {
            SmtpOptions options = SmtpOptions.builder().localHostname("me.test").chunking(false).build();
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options)) {
                client.sendmail("a@x.test", List.of("b@y.test"), MSG);
            }
            assertTrue(server.transcript().contains("DATA\r\nSubject: t\r\n\r\n..dot line\r\nend\r\n.\r\n"));
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void largeMessagesAreSplitIntoChunks(boolean pipelining) throws Exception {
        byte[] big = new byte[MailTransaction.CHUNK_SIZE * 2 + 1000];
        Arrays.fill(big, (byte) 'x');
        for (int i = 100; i < big.length; i += 100) {
            big[i] = '\n';
        }
        try (ScriptedServer server = ScriptedServer.start(chunking(pipelining))) {
            try (SmtpClient client = client(server, pipelining)) {
                client.sendmail("a@x.test", List.of("b@y.test"), big);
            }
            String t = server.transcript();
            int first = t.indexOf("BDAT ");
            assertTrue(t.startsWith("BDAT " + MailTransaction.CHUNK_SIZE + "\r\n", first), t.substring(first, first + 20));
            assertEquals(3, t.split("BDAT ", -1).length - 1, "three chunks");
            assertTrue(t.contains(" LAST\r\n"));
            long lines = (big.length - 1) / 100;
            long expectedLength = big.length + lines + 2;
            int lastChunk = (int) (expectedLength - 2L * MailTransaction.CHUNK_SIZE);
            assertTrue(t.contains("BDAT " + lastChunk + " LAST\r\n"), "last chunk of " + lastChunk);
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void refusedSenderDiscardsTheChunkAndResets(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING", "CHUNKING").on("MAIL", "550 5.7.1 no").on("RCPT", "503 5.5.1 no")
                .on("BDAT", "503 5.5.1 no");
        if (!pipelining) {
            dialog = Dialog.esmtp("CHUNKING").on("MAIL", "550 5.7.1 no");
        }
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                assertThrows(SmtpSenderRefusedException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
                assertTrue(client.isConnected());
            }
            String pipelined = pipelining ? "RCPT TO:<b@y.test>\r\nBDAT " + CANONICAL.length() + " LAST\r\n"
                    + CANONICAL : "";
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\n" + pipelined + "RSET\r\nQUIT\r\n",
                    server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void allRecipientsRefused(boolean pipelining) throws Exception {
        Dialog dialog = Dialog.esmtp(pipelining ? "PIPELINING" : "X", "CHUNKING").on("MAIL", "250 ok")
                .on("RCPT", "550 5.1.1 unknown").on("BDAT", "554 5.5.1 no valid recipients");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                SmtpRecipientsRefusedException e = assertThrows(SmtpRecipientsRefusedException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
                assertEquals(Map.of("b@y.test", new Reply(550, "5.1.1 unknown")), e.recipients());
            }
            assertTrue(server.transcript().endsWith("RSET\r\nQUIT\r\n"), server.transcript());
            assertEquals(pipelining, server.transcript().contains("BDAT"));
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void refusedChunkIsADataErrorFollowedByRset(boolean pipelining) throws Exception {
        Dialog dialog = (pipelining ? Dialog.esmtp("PIPELINING", "CHUNKING") : Dialog.esmtp("CHUNKING"))
                .on("MAIL", "250 ok").on("RCPT", "250 ok").on("BDAT", "552 5.3.4 too big");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = client(server, pipelining)) {
                SmtpDataException e = assertThrows(SmtpDataException.class,
                        () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
                assertEquals(552, e.code());
                assertEquals("BDAT", e.command());
            }
            assertTrue(server.transcript().endsWith(CANONICAL + "RSET\r\nQUIT\r\n"), server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void dropAfterTheLastChunkIsAnUnknownOutcome(boolean pipelining) throws Exception {
        Dialog dialog = (pipelining ? Dialog.esmtp("PIPELINING", "CHUNKING") : Dialog.esmtp("CHUNKING"))
                .on("MAIL", "250 ok").on("RCPT", "250 ok").onClose("BDAT");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server, pipelining);
            assertThrows(SmtpOutcomeUnknownException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            assertFalse(client.isConnected());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void failingSourceMidMessageResetsAndKeepsTheConnection(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(chunking(pipelining))) {
            try (SmtpClient client = client(server, pipelining)) {
                InputStream failing = new InputStream() {
                    private int n;

                    @Override
                    public int read() throws IOException {
                        if (n++ < MailTransaction.CHUNK_SIZE + 10) {
                            return 'a';
                        }
                        throw new IOException("source broke");
                    }
                };
                SmtpException e = assertThrows(SmtpException.class,
                        () -> client.send("a@x.test", List.of("b@y.test"), MessageSource.of(failing), List.of(),
                                List.of()));
                assertTrue(e.getMessage().contains("source broke"), e.getMessage());
                assertTrue(client.isConnected());
                assertEquals(Map.of(), client.sendmail("a@x.test", List.of("b@y.test"), MSG));
            }
            String t = server.transcript();
            assertTrue(t.contains("BDAT " + MailTransaction.CHUNK_SIZE + "\r\n"), "first chunk sent");
            assertFalse(t.substring(0, t.indexOf("RSET")).contains(" LAST"), "no LAST before RSET");
        }
    }

    @Test
    void binaryMimeSendsTheBytesUntouchedAndDeclaresTheirCount() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(chunking(true))) {
            byte[] raw = "a\nb\rc\u0000.d".getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(8, raw.length);
            try (SmtpClient client = client(server, true)) {
                client.sendmail("a@x.test", List.of("b@y.test"), raw, List.of("BODY=BINARYMIME"), List.of());
            }
            // SIZE counts the bytes as sent, not the 10 they would be with CRLF line ends
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test> SIZE=8 BODY=BINARYMIME\r\nRCPT TO:<b@y.test>\r\n"
                    + "BDAT 8 LAST\r\na\nb\rc\u0000.dQUIT\r\n", server.transcript());
        }
    }
}
