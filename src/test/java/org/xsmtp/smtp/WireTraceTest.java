package org.xsmtp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/** setDebugLevel: smtplib's trace lines, level 2 timestamped, nothing at level 0. */
class WireTraceTest {

    private static String run(int level) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SmtpOptions options = SmtpOptions.builder().localHostname("me.test")
                .debugOut(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
        Dialog dialog = Dialog.esmtp("SIZE 100").on("MAIL", "250 ok").on("RCPT", "250 ok").on("DATA", "354 go");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            SmtpClient client = new SmtpClient(options);
            client.setDebugLevel(level);
            client.connect("127.0.0.1", server.port());
            client.sendmail("a@x.test", List.of("b@y.test"), "hi\n");
            client.quit();
            return out.toString(StandardCharsets.UTF_8).replace(String.valueOf(server.port()), "PORT");
        }
    }

    @Test
    void levelOnePrintsSmtplibStyleLines() throws Exception {
        assertEquals(String.join("\n",
                "connect: ('127.0.0.1', PORT)",
                "reply: b'220 fake.test ESMTP\\r\\n'",
                "reply: retcode (220); Msg: b'fake.test ESMTP'",
                "send: 'EHLO me.test\\r\\n'",
                "reply: b'250-fake.test\\r\\n'",
                "reply: b'250 SIZE 100\\r\\n'",
                "reply: retcode (250); Msg: b'fake.test\\nSIZE 100'",
                "send: 'MAIL FROM:<a@x.test> SIZE=4\\r\\n'",
                "reply: b'250 ok\\r\\n'",
                "reply: retcode (250); Msg: b'ok'",
                "send: 'RCPT TO:<b@y.test>\\r\\n'",
                "reply: b'250 ok\\r\\n'",
                "reply: retcode (250); Msg: b'ok'",
                "send: 'DATA\\r\\n'",
                "reply: b'354 go\\r\\n'",
                "reply: retcode (354); Msg: b'go'",
                "send: b'hi\\r\\n.\\r\\n'",
                "reply: b'250 2.0.0 Ok: queued\\r\\n'",
                "reply: retcode (250); Msg: b'2.0.0 Ok: queued'",
                "send: 'QUIT\\r\\n'",
                "reply: b'221 2.0.0 Bye\\r\\n'",
                "reply: retcode (221); Msg: b'2.0.0 Bye'", ""), run(1));
    }

    @Test
    void levelTwoTimestampsEveryLine() throws Exception {
        String trace = run(2);
        assertEquals(22, trace.lines().count());
        assertTrue(trace.lines().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)? (connect|send|reply): .*")),
                trace);
    }

    @Test
    void levelZeroIsQuiet() throws Exception {
        assertEquals("", run(0));
    }
}
