package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * RFC 2920 §3.1: a client that writes a long pipelined group without reading deadlocks with a server that
 * answers each command as it reads it, once the replies fill the socket buffers (the server blocks writing,
 * stops reading, and the client blocks writing). On loopback the kernel grows the buffers to several MiB, so
 * the batch here sends 13 MB of messages with 64 x 300 long (legal, under 512 bytes) RCPT replies; the client
 * must keep the unread replies bounded.
 */
class PipeliningDeadlockTest {
    private static final String LONG_REPLY = "250 2.1.5 " + "x".repeat(480);
    private static final Duration GUARD = Duration.ofSeconds(60);

    private static SmtpClient client(ScriptedServer server) throws Exception {
        Duration limit = Duration.ofSeconds(5);
        return new SmtpClient("127.0.0.1", server.port(), SmtpOptions.builder().localHostname("me.test")
                .timeouts(new SmtpTimeouts(limit, limit, limit, limit, limit, limit)).build());
    }

    private static List<String> recipients(int n, String tag) {
        List<String> to = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            to.add(tag + i + "." + "r".repeat(200) + "@y.test");
        }
        return to;
    }

    @Test
    void aGroupLongerThanTheBoundReadsAheadAndKeepsEveryReplyWithItsCommand() throws Exception {
        List<String> to = new ArrayList<>();
        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 2.1.0 ok");
        for (int i = 0; i < 1500; i++) {
            to.add("r" + i + "@y.test");
            if (i % 7 == 3) {
                dialog.on("RCPT TO:<r" + i + "@", "550 5.1.1 r" + i + " unknown");
            }
        }
        dialog.on("RCPT", "250 2.1.5 ok").on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server);
            client.ehlo();
            assertTrue(client.channel().maxUnreadReplies() < to.size(), "the group must outgrow the bound");
            Map<String, Reply> refused = client.sendmail("s@x.test", to, "Subject: t\r\n\r\nhi\r\n");
            for (int i = 0; i < to.size(); i++) {
                assertEquals(i % 7 == 3 ? new Reply(550, "5.1.1 r" + i + " unknown") : null,
                        refused.get("r" + i + "@y.test"), "r" + i);
            }
            client.close();
            assertTrue(server.transcript().endsWith("RCPT TO:<r1499@y.test>\r\nDATA\r\nSubject: t\r\n\r\nhi\r\n"
                    + ".\r\nQUIT\r\n"), "one transaction, in order");
        }
    }

    @Test
    void a421ReadAheadStopsTheWritingAndIsStillTheSendersRefusal() throws Exception {
        List<String> to = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            to.add("r" + i + "@y.test");
        }
        try (ScriptedServer server = ScriptedServer.start(Dialog.esmtp("PIPELINING")
                .onClose("MAIL", "421 4.3.2 going down"))) {
            SmtpClient client = client(server);
            SmtpSenderRefusedException e = assertThrows(SmtpSenderRefusedException.class,
                    () -> client.sendmail("s@x.test", to, "Subject: t\r\n\r\nhi\r\n"));
            assertEquals(421, e.code());
            assertFalse(client.isConnected());
            // the commands written before the 421 was read: MAIL and the first RCPTs, never DATA
            assertFalse(server.transcript().contains("DATA"), server.transcript());
        }
    }

    @Test
    void aBatchKeepsItsUnreadRepliesBoundedToo() throws Exception {
        byte[] content = org.xsmtp.testkit.GeneratedMessage.bytes(200_000);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int m = 0; m < 64; m++) {
            batch.add(OutboundMessage.of("s@x.test", recipients(300, "m" + m + "r"), content));
        }
        Dialog dialog = Dialog.esmtp("PIPELINING", "CHUNKING").on("MAIL", "250 2.1.0 ok").on("RCPT", LONG_REPLY)
                .on("BDAT", "250 2.0.0 queued");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = client(server);
            List<BatchResult> results = assertTimeoutPreemptively(GUARD, () -> client.sendBatch(batch));
            assertEquals(Collections.nCopies(64, true), results.stream().map(BatchResult::sent).toList());
            client.close();
        }
    }
}
