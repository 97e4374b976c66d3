package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.xsmtp.cli.CliProcess.ascii;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xsmtp.peers.AiosmtpdPeer;
import org.xsmtp.peers.StoredMessage;

/**
 * {@code --lmtp} with a Unix socket path as {@code --host}, against a real LMTP server (aiosmtpd, skipped
 * without Debian's python3-aiosmtpd): per-recipient verdicts after the data, the refused one printed.
 */
class CliLmtpSocketIT {
    @Test
    void lmtpOverAUnixSocketReportsTheRecipientRefusedAfterTheData() throws Exception {
        try (AiosmtpdPeer peer = AiosmtpdPeer.builder().lmtp().unixSocket()
                .failAtData("b@y.test", "552 5.2.2 mailbox full").start()) {
            CliProcess.Result r = CliProcess.run(ascii("From: a@x.test\nTo: a@y.test, b@y.test\nBcc: c@y.test\n"
                    + "Subject: lmtp\n\nhi\n"), "--lmtp", "--host", peer.socketPath().toString(), "--helo",
                    "client.test", "-t");
            assertEquals(69, r.exit(), r.toString());
            assertEquals("xsmtp: refused b@y.test: 552 5.2.2 mailbox full\n"
                    + "xsmtp: 1 of 3 recipient(s) refused; the others got the message\n", r.err());
            StoredMessage m = peer.awaitMessages(1).get(0);
            assertEquals("client.test", m.helo());
            assertEquals("a@x.test", m.mailFrom());
            assertEquals(List.of("a@y.test", "b@y.test", "c@y.test"), m.rcptTos());
            assertEquals("From: a@x.test\r\nTo: a@y.test, b@y.test\r\nSubject: lmtp\r\n\r\nhi\r\n",
                    new String(m.content(), StandardCharsets.UTF_8));
        }
    }
}
