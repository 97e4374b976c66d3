package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xsmtp.testkit.ScriptedServer;

/** SmtpSslClient, like smtplib.SMTP_SSL: TLS from the first byte, port 465 unless told otherwise. */
@Timeout(30)
class ImplicitTlsTest {

    @Test
    void theDefaultPortIs465() {
        assertEquals(465, SmtpClient.SMTP_SSL_PORT);
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        SmtpOptions options = SmtpOptions.builder().timeout(Duration.ofSeconds(2)).debugLevel(1)
                .debugOut(new PrintStream(trace, true, StandardCharsets.UTF_8)).build();
        SmtpSslClient client = new SmtpSslClient(options);
        // Nothing of ours listens on 465; what matters is where the client went.
        assertThrows(IOException.class, () -> client.connect("127.0.0.1", 0));
        assertEquals("connect: ('127.0.0.1', 465)", trace.toString(StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow());
    }

    @Test
    void sendsAMessageOverTlsFromTheFirstByte() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s
                .tls(TlsFixtures.server(TlsFixtures.certs().localhost()))
                .reply(TlsFixtures.GREETING).read().reply("250-fake.test", "250 SIZE 1000")
                .read().reply("250 2.1.0 Ok").read().reply("250 2.1.5 Ok").read().reply("354 go")
                .readData().reply("250 2.0.0 Ok: queued").read().reply("221 2.0.0 Bye"))) {
            try (SmtpSslClient client = new SmtpSslClient("127.0.0.1", server.port(),
                    TlsFixtures.trustingCa().build())) {
                assertTrue(client.channel().connection().isSecure());
                Map<String, Reply> refused = client.sendmail("a@x.test", List.of("b@y.test"), "Subject: s\r\n\r\nhi\r\n");
                assertEquals(Map.of(), refused);
            }
            assertEquals("EHLO me.test\r\nMAIL FROM:<a@x.test> SIZE=18\r\nRCPT TO:<b@y.test>\r\nDATA\r\n"
                    + "Subject: s\r\n\r\nhi\r\n.\r\nQUIT\r\n", server.transcript());
            assertEquals(1, server.tlsSessions().size(), "the server decrypted every byte it recorded");
        }
    }

    @Test
    void aRefusedGreetingOverTlsIsAConnectError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s
                .tls(TlsFixtures.server(TlsFixtures.certs().localhost()))
                .reply("554 5.3.2 not now").readToEnd())) {
            SmtpConnectException e = assertThrows(SmtpConnectException.class,
                    () -> new SmtpSslClient("127.0.0.1", server.port(), TlsFixtures.trustingCa().build()));
            assertEquals(554, e.code());
            assertEquals("", server.transcript());
        }
    }
}
