package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.cli.CliProcess.ascii;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.xsmtp.peers.ServerCertificate;
import org.xsmtp.peers.TestCertificates;
import org.xsmtp.testkit.Script;
import org.xsmtp.testkit.ScriptedServer;
import org.xsmtp.testkit.ServerTls;

/**
 * {@code --starttls} as a process against the scripted server presenting the test CA's localhost
 * certificate: refused with the JDK's trust (exit 77, nothing sent), accepted with {@code --cafile}.
 */
class CliTlsIT {
    private static final byte[] MESSAGE = ascii("From: a@x.test\n\nhi\n");

    private static SSLContext localhost() {
        ServerCertificate cert = TestCertificates.get().localhost();
        return ServerTls.context(cert.pkcs12(), cert.password());
    }

    private static Script upToTheHandshake(Script s) {
        return s.reply("220 fake.test ESMTP").read().reply("250-fake.test", "250 STARTTLS").read()
                .reply("220 2.0.0 Ready to start TLS");
    }

    private static String[] args(ScriptedServer server, String... more) {
        String[] base = {"--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--helo", "me.test",
            "--starttls"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void anUntrustedCertificateIsExit77AndNothingIsSent() throws Exception {
        SSLContext context = localhost();
        try (ScriptedServer server = ScriptedServer.start(s -> upToTheHandshake(s).tlsRefused(context))) {
            CliProcess.Result r = CliProcess.run(MESSAGE, args(server, "b@y.test"));
            assertEquals(77, r.exit(), r.toString());
            assertTrue(r.err().startsWith("xsmtp: TLS failed, nothing was sent: "), r.toString());
            assertEquals("EHLO me.test\r\nSTARTTLS\r\n", server.transcript());
            assertEquals(1, server.tlsFailures().size());
        }
    }

    @Test
    void cafileTrustsThePrivateCaAndTheMessageGoesInsideTls() throws Exception {
        SSLContext context = localhost();
        String ca = TestCertificates.get().caCertPem().toString();
        try (ScriptedServer server = ScriptedServer.start(s -> upToTheHandshake(s).tls(context)
                .read().reply("250 fake.test").read().reply("250 2.1.0 Ok").read().reply("250 2.1.5 Ok")
                .read().reply("354 go").readData().reply("250 2.0.0 queued").read().reply("221 2.0.0 Bye"))) {
            CliProcess.Result r = CliProcess.run(MESSAGE, args(server, "--cafile", ca, "b@y.test"));
            assertEquals(0, r.exit(), r.toString());
            assertEquals("EHLO me.test\r\nSTARTTLS\r\nEHLO me.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n"
                    + "DATA\r\nFrom: a@x.test\r\n\r\nhi\r\n.\r\nQUIT\r\n", server.transcript());
            assertEquals(1, server.tlsSessions().size());
        }
    }
}
