package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

class ConnectTest {

    @Test
    void connectReturnsTheGreetingWhateverItsCode() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("554 5.7.1 go away").readToEnd())) {
            SmtpClient client = new SmtpClient();
            Reply greeting = client.connect("127.0.0.1", server.port());
            assertEquals(new Reply(554, "5.7.1 go away"), greeting);
            assertTrue(client.isConnected());
            client.abort();
            assertEquals("", server.transcript());
        }
    }

    @Test
    void connectingConstructorThrowsOnNon220AndClosesWithoutQuit() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("421 4.3.2 busy").readToEnd())) {
            SmtpConnectException e = assertThrows(SmtpConnectException.class,
                    () -> new SmtpClient("127.0.0.1", server.port()));
            assertEquals(421, e.code());
            assertEquals("4.3.2 busy", e.error());
            assertEquals("4.3.2", e.enhancedStatus());
            assertEquals("", server.transcript());
        }
    }

    @Test
    void hostColonPortIsSplitWhenPortIsZero() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").read().reply("221 bye"))) {
            SmtpClient client = new SmtpClient();
            assertEquals(220, client.connect("127.0.0.1:" + server.port(), 0).code());
            assertEquals(221, client.quit().code());
            assertEquals("QUIT\r\n", server.transcript());
        }
    }

    @Test
    void nonNumericPortIsRejectedBeforeConnecting() {
        SmtpClient client = new SmtpClient();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.connect("localhost:smtp", 0));
        assertTrue(e.getMessage().contains("nonnumeric port"), e.getMessage());
    }

    @Test
    void connectingConstructorAndOptions() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp())) {
            SmtpOptions options = SmtpOptions.builder().localHostname("client.example").build();
            try (SmtpClient client = new SmtpClient("127.0.0.1", server.port(), options)) {
                assertEquals(250, client.ehlo().code());
            }
            assertEquals("EHLO client.example\r\nQUIT\r\n", server.transcript());
        }
    }

    @Test
    void usingTheClientBeforeConnectSaysSo() {
        SmtpClient client = new SmtpClient();
        SmtpServerDisconnectedException e = assertThrows(SmtpServerDisconnectedException.class, client::noop);
        assertEquals("please run connect() first", e.getMessage());
    }

    @Test
    void refusedConnectionNamesHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        IOException e = assertThrows(IOException.class, () -> new SmtpClient("127.0.0.1", closedPort));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }

    @Test
    void greetingTimeoutClosesAndSaysWhichWait() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(s -> s.pause(3000).reply("220 late"))) {
            SmtpOptions options = SmtpOptions.builder().timeout(Duration.ofMillis(300)).build();
            SmtpClient client = new SmtpClient(options);
            SmtpTimeoutException e = assertThrows(SmtpTimeoutException.class,
                    () -> client.connect("127.0.0.1", server.port()));
            assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
            assertFalse(client.isConnected());
        }
    }

    @Test
    void sourceAddressIsBound() throws Exception {
        int localPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            localPort = s.getLocalPort();
        }
        try (ScriptedServer server = ScriptedServer.start(s -> s.reply("220 hi").readToEnd())) {
            SmtpOptions options = SmtpOptions.builder()
                    .sourceAddress(new InetSocketAddress("127.0.0.1", localPort)).build();
            SmtpClient client = new SmtpClient(options);
            client.connect("127.0.0.1", server.port());
            client.abort();
            server.transcript();
            assertEquals(localPort, server.remotePorts().get(0));
        }
    }

    @Test
    void reconnectingForgetsTheOldSession() throws Exception {
        org.xsmtp.testkit.Script first = new org.xsmtp.testkit.Script().reply("220 one").read()
                .reply("250-one", "250 SIZE 10").readToEnd();
        org.xsmtp.testkit.Script second = new org.xsmtp.testkit.Script().reply("220 two").read().reply("250 two")
                .readToEnd();
        try (ScriptedServer server = ScriptedServer.start(java.util.List.of(first, second))) {
            SmtpOptions options = SmtpOptions.builder().localHostname("me").build();
            SmtpClient client = new SmtpClient(options);
            client.connect("127.0.0.1", server.port());
            client.ehloOrHeloIfNeeded();
            assertTrue(client.hasExtn("size"));
            client.connect("127.0.0.1", server.port());
            assertFalse(client.hasExtn("size"));
            client.ehloOrHeloIfNeeded();
            client.abort();
            assertEquals("EHLO me\r\nEHLO me\r\n", server.transcript());
        }
    }
}
