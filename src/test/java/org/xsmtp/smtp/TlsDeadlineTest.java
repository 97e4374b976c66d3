package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.ScriptedServer;
import org.xsmtp.testkit.ServerTlsContext;

/**
 * TLS must not reopen the slowloris hole that the total reply deadlines close: a TLS read returns only whole
 * records and a handshake reads many, and each underlying read has its own timeout, which a peer sending one
 * byte every 100 ms keeps resetting. The connect limit bounds the whole handshake (implicit TLS and
 * STARTTLS), the reply limits bound reads inside a record. Each server announces a 16 KiB record and trickles
 * it, which would take 27 minutes.
 */
class TlsDeadlineTest {
    private static final Duration LIMIT = Duration.ofMillis(500);
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Duration GUARD = Duration.ofSeconds(5);
    /** A TLS record header: handshake (22) or application data (23), TLS 1.2, 16384 bytes. */
    private static final String HANDSHAKE_RECORD = "\u0016\u0003\u0003\u0040\u0000";
    private static final byte[] DATA_RECORD = {0x17, 0x03, 0x03, 0x40, 0x00};
    private static final String TRICKLE = "x".repeat(200);

    private static SmtpOptions options(SmtpTimeouts timeouts) {
        return SmtpOptions.builder().localHostname("me.test").sslContext(ServerTlsContext.clientTrustingCa())
                .timeouts(timeouts).build();
    }

    private static void assertHandshakeTimeout(Throwable thrown) {
        SocketTimeoutException timeout = assertInstanceOf(SocketTimeoutException.class, thrown);
        assertTrue(timeout.getMessage().contains("TLS handshake with 127.0.0.1 not complete within 500 ms"),
                timeout.getMessage());
    }

    @Test
    void implicitTlsHandshakeIsBoundedAsAWhole() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.raw(HANDSHAKE_RECORD).trickle(TRICKLE, 1, 100))) {
            SmtpOptions options = options(new SmtpTimeouts(LIMIT, LONG, LONG, LONG, LONG, LONG));
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(IOException.class,
                    () -> new SmtpSslClient("127.0.0.1", server.port(), options)));
            assertHandshakeTimeout(thrown);
        }
    }

    @Test
    void startTlsHandshakeIsBoundedAsAWhole() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 x").read().reply("250-x", "250 STARTTLS")
                .read().reply("220 go").readBytes(5).raw(HANDSHAKE_RECORD).trickle(TRICKLE, 1, 100))) {
            SmtpClient client = new SmtpClient("127.0.0.1", server.port(),
                    options(new SmtpTimeouts(LIMIT, LONG, LONG, LONG, LONG, LONG)));
            Throwable thrown = assertTimeoutPreemptively(GUARD, () -> assertThrows(IOException.class, client::starttls));
            assertHandshakeTimeout(thrown);
            assertFalse(client.isConnected());
        }
    }

    @Test
    void aTrickledTlsRecordCannotStretchTheReplyLimit() throws Exception {
        SSLContext serverTls = ServerTlsContext.localhost();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> trickleARecordAfterStartTls(listener, serverTls), "trickling-tls-server");
            server.setDaemon(true);
            server.start();
            SmtpClient client = new SmtpClient("127.0.0.1", listener.getLocalPort(),
                    options(new SmtpTimeouts(LONG, LONG, LIMIT, LONG, LONG, LONG)));
            client.starttls();
            SmtpTimeoutException timeout = assertTimeoutPreemptively(GUARD,
                    () -> assertThrows(SmtpTimeoutException.class, client::ehlo));
            assertTrue(timeout.getMessage().contains("within 500 ms"), timeout.getMessage());
            assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
            assertFalse(client.isConnected());
        }
    }

    /** Plays STARTTLS, reads EHLO over TLS, then sends a record header and its body one byte at a time, raw. */
    private static void trickleARecordAfterStartTls(ServerSocket listener, SSLContext tls) {
        try (Socket plain = listener.accept()) {
            plain.setSoTimeout(10_000);
            InputStream in = plain.getInputStream();
            OutputStream out = plain.getOutputStream();
            write(out, "220 x\r\n");
            line(in);
            write(out, "250-x\r\n250 STARTTLS\r\n");
            line(in);
            write(out, "220 go\r\n");
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            line(ssl.getInputStream());
            out.write(DATA_RECORD);
            for (int i = 0; i < TRICKLE.length(); i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up: that is the point
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
