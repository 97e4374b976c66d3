package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xsmtp.peers.SinkMessage;
import org.xsmtp.peers.SmtpSinkPeer;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;
import org.xsmtp.wire.Escapes;

/**
 * SMTP smuggling: a message whose content holds an end of data other than CRLF.CRLF followed by a second
 * transaction must reach the server as one message, whatever form the content takes (String, byte[],
 * InputStream), pipelined or not. Against smtp-sink each send must be stored exactly once, with its own
 * envelope and the smuggled text inside the content; on the wire (a scripted server, DATA and BDAT) there
 * must be no bare CR or LF and exactly one end of data per message.
 */
@Timeout(60)
class SmugglingTest {
    static final List<String> VECTORS = List.of("\n.\n", "\r.\r", "\r\n.\r", "\n.\r\n", "\r.\n", "\r\n\u0000.\r\n",
            "\r\r\n.\r\n", "\r\n.\n", "\n.\r", "\r.\r\n", "\r\n.\r\r\n", "\r\n.\r\n", "\n\n.\n\n");
    private static final String SMUGGLED = "MAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@example.net>\r\nDATA\r\n"
            + "Subject: smuggled\r\n\r\nowned";

    enum Form { STRING, BYTES, STREAM }

    static String body(String vector) {
        return "Subject: smuggling\r\n\r\nbefore" + vector + SMUGGLED + vector + "after\r\n";
    }

    private static void send(SmtpClient client, Form form, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        switch (form) {
            case STRING -> client.sendmail("a@example.org", List.of("b@example.net"), body);
            case BYTES -> client.sendmail("a@example.org", List.of("b@example.net"), bytes);
            case STREAM -> {
                client.ehloOrHeloIfNeeded();
                assertEquals(250, client.mail("a@example.org").code());
                assertEquals(250, client.rcpt("b@example.net").code());
                assertEquals(250, client.data(new ByteArrayInputStream(bytes)).code());
            }
        }
    }

    @ParameterizedTest(name = "{0}, pipelining={1}")
    @CsvSource({"STRING,true", "STRING,false", "BYTES,true", "BYTES,false", "STREAM,true", "STREAM,false"})
    void everyVectorReachesSmtpSinkAsExactlyOneMessage(Form form, boolean pipelining) throws Exception {
        try (SmtpSinkPeer sink = SmtpSinkPeer.builder().capture().start()) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", sink.port(), SmtpOptions.builder()
                    .localHostname("client.test").pipelining(pipelining).timeout(Duration.ofSeconds(5)).build())) {
                for (String vector : VECTORS) {
                    send(client, form, body(vector));
                }
            }
            List<SinkMessage> stored = sink.awaitMessages(VECTORS.size());
            assertEquals(VECTORS.size(), stored.size());
            for (SinkMessage m : stored) {
                assertEquals("<a@example.org>", m.mailArgs());
                assertEquals(List.of("<b@example.net>"), m.rcptArgs());
                assertTrue(m.content().contains("RCPT TO:<victim@example.net>") && m.content().endsWith("after\n"),
                        () -> Escapes.escape(m.content()));
            }
        }
    }

    @ParameterizedTest(name = "{0}, chunking={1}")
    @CsvSource({"STRING,false", "STRING,true", "BYTES,false", "BYTES,true", "STREAM,false"})
    void onTheWireThereIsNoBareCrOrLfAndOneEndOfDataPerMessage(Form form, boolean chunking) throws Exception {
        Dialog dialog = Dialog.esmtp("PIPELINING", "CHUNKING").on("MAIL", "250 ok").on("RCPT", "250 ok")
                .on("DATA", "354 go").on("BDAT", "250 ok");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), SmtpOptions.builder()
                    .localHostname("client.test").chunking(chunking).timeout(Duration.ofSeconds(5)).build())) {
                for (String vector : VECTORS) {
                    send(client, form, body(vector));
                }
            }
            String wire = server.transcript();
            for (int i = 0; i < wire.length(); i++) {
                char c = wire.charAt(i);
                boolean bare = c == '\r' ? i + 1 == wire.length() || wire.charAt(i + 1) != '\n'
                        : c == '\n' && (i == 0 || wire.charAt(i - 1) != '\r');
                assertFalse(bare, () -> "bare CR or LF on the wire: " + Escapes.escape(wire));
            }
            assertEquals(VECTORS.size(), wire.split("MAIL FROM:<a@example.org>", -1).length - 1);
            if (chunking) {
                // BDAT frames by length: CRLF.CRLF inside the content is just content
                assertEquals(VECTORS.size(), wire.split("BDAT \\d+ LAST\r\n", -1).length - 1);
            } else {
                assertEquals(VECTORS.size(), wire.split("\r\n\\.\r\n", -1).length - 1, () -> Escapes.escape(wire));
            }
        }
    }
}
