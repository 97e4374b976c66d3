package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** {@code sendmail} with an {@code InputStream}: streamed, no SIZE, the same envelope and data as with bytes. */
class SendmailStreamTest {
    private static Dialog server(String... extensions) {
        return Dialog.esmtp(extensions).on("MAIL", "250 2.1.0 Ok").on("RCPT", "250 2.1.5 Ok")
                .on("RCPT", "550 5.1.1 no such user").on("DATA", "354 go ahead");
    }

    private static SmtpClient client(ScriptedServer server, boolean pipelining) throws IOException {
        return new SmtpClient("127.0.0.1", server.port(), SmtpOptions.builder().localHostname("me.test")
                .pipelining(pipelining).timeout(Duration.ofSeconds(5)).build());
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void streamsTheMessageWithoutSizeAndReturnsTheRefused(boolean pipelining) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(server("PIPELINING", "SIZE 1000"))) {
            try (SmtpClient client = client(server, pipelining)) {
                InputStream msg = new ByteArrayInputStream("Subject: s\n\n.dot\nend".getBytes(StandardCharsets.US_ASCII));
                Map<String, Reply> refused = client.sendmail("a@x.test", List.of("b@y.test", "c@y.test"), msg,
                        List.of(), List.of());
                assertEquals(Map.of("c@y.test", new Reply(550, "5.1.1 no such user")), refused);
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\n"
                    + "DATA\r\nSubject: s\r\n\r\n..dot\r\nend\r\n.\r\nQUIT\r\n", server.transcript());
        }
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {false, true})
    void aStreamThatFailsDropsTheConnectionAndCarriesTheCause(boolean pipelining) throws Exception {
        IOException broken = new IOException("disk gone");
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 20) {
                    return 'x';
                }
                throw broken;
            }
        };
        try (ScriptedServer server = ScriptedServer.start(server())) {
            SmtpClient client = client(server, pipelining);
            SmtpException e = assertThrows(SmtpException.class,
                    () -> client.sendmail("a@x.test", List.of("b@y.test"), failing, List.of(), List.of()));
            assertSame(broken, e.getCause());
            assertFalse(client.isConnected());
            assertFalse(server.transcript().contains("\r\n.\r\n"), server.transcript());
        }
    }
}
