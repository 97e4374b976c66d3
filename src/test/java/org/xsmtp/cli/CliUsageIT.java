package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.cli.CliProcess.ascii;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mistakes on the command line and missing input, run as a process: the message and the exit status. */
class CliUsageIT {
    private static final byte[] MESSAGE = ascii("From: a@x.test\nTo: b@y.test\n\nhi\n");

    @Test
    void anUnknownOptionIsExit64() {
        CliProcess.Result r = CliProcess.run(MESSAGE, "--bogus=value", "b@y.test");
        assertEquals(64, r.exit(), r.toString());
        assertEquals("xsmtp: unknown option --bogus\nxsmtp: see xsmtp --help\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void noRecipientsWithoutDashTIsExit64() {
        CliProcess.Result r = CliProcess.run(MESSAGE);
        assertEquals(64, r.exit(), r.toString());
        assertTrue(r.err().startsWith("xsmtp: no recipients: name them as arguments, or use -t"), r.toString());
    }

    @Test
    void contradictoryOptionsAreExit64() {
        assertEquals(64, CliProcess.run(MESSAGE, "--host", "h", "--tls", "--starttls", "b@y.test").exit());
        assertEquals(64, CliProcess.run(MESSAGE, "--user", "alice", "b@y.test").exit());
        assertEquals(64, CliProcess.run(MESSAGE, "--port", "25", "b@y.test").exit());
        assertEquals(64, CliProcess.run(MESSAGE, "--host", "h", "--port", "99999", "b@y.test").exit());
        assertEquals(64, CliProcess.run(MESSAGE, "-f").exit());
    }

    @Test
    void aMissingMessageFileIsExit66() {
        CliProcess.Result r = CliProcess.run(new byte[0], "--file", "/nonexistent/msg.eml", "b@y.test");
        assertEquals(66, r.exit(), r.toString());
        assertEquals("xsmtp: cannot open /nonexistent/msg.eml: no such file\n", r.err());
        CliProcess.Result dir = CliProcess.run(new byte[0], "-t", "--batch-dir", "/nonexistent/dir");
        assertEquals(66, dir.exit(), dir.toString());
        CliProcess.Result mbox = CliProcess.run(new byte[0], "-t", "--mbox", "/nonexistent/mbox");
        assertEquals(66, mbox.exit(), mbox.toString());
    }

    @Test
    void aMessageWithoutRecipientHeadersIsExit65WithDashT() {
        CliProcess.Result r = CliProcess.run(ascii("From: a@x.test\nSubject: nobody\n\nhi\n"), "-t");
        assertEquals(65, r.exit(), r.toString());
        assertTrue(r.err().startsWith("xsmtp: no recipients: the message has no address in its To, Cc or Bcc"),
                r.toString());
    }

    @Test
    void twoResentBlocksAreExit65() {
        CliProcess.Result r = CliProcess.run(ascii("Resent-Date: a\nResent-To: x@y.test\nResent-Date: b\n"
                + "From: a@x.test\nTo: b@y.test\n\nhi\n"), "-t");
        assertEquals(65, r.exit(), r.toString());
        assertEquals("xsmtp: -t cannot take the recipients from this message: it has 2 Resent-* blocks (Resent-Date"
                + " fields), so the most recent one cannot be told; name the recipients as arguments instead of using"
                + " -t, or remove the older blocks\n", r.err());
    }

    @Test
    void badValuesOfSendmailOptionsAreExit64() {
        Map<List<String>, String> cases = new LinkedHashMap<>();
        String notify = "xsmtp: -N takes never, or a comma-separated list of success, failure and delay (each at most"
                + " once)";
        cases.put(List.of("-N", "sometimes"), notify);
        cases.put(List.of("-Nnever,success"), notify);
        cases.put(List.of("-N", "success,success"), notify);
        cases.put(List.of("-N", ""), notify);
        cases.put(List.of("-R", "body"), "xsmtp: -R takes hdrs or full");
        cases.put(List.of("-B9BIT"), "xsmtp: -B takes 7BIT or 8BITMIME");
        cases.put(List.of("-V", ""), "xsmtp: -V takes an envelope identifier of 1 to 100 characters");
        cases.put(List.of("-V", "x".repeat(101)), "xsmtp: -V takes an envelope identifier of 1 to 100 characters");
        cases.put(List.of("-V", "a\tb"), "xsmtp: -V takes printable US-ASCII characters only");
        cases.put(List.of("-bs"), "xsmtp: only the default mode -bm is supported, not -bs");
        cases.put(List.of("-x"), "xsmtp: unknown option -x");
        cases.put(List.of("-tix"), "xsmtp: unknown option -x");
        cases.forEach((args, message) -> {
            List<String> all = new ArrayList<>(args);
            all.add("b@y.test");
            CliProcess.Result r = CliProcess.run(MESSAGE, all.toArray(String[]::new));
            assertEquals(64, r.exit(), args + ": " + r);
            assertEquals(message + "\nxsmtp: see xsmtp --help\n", r.err(), args + ": " + r);
        });
        CliProcess.Result r = CliProcess.run(MESSAGE, "b@y.test", "-tN");
        assertEquals(64, r.exit(), r.toString());
        assertEquals("xsmtp: -N needs a value\nxsmtp: see xsmtp --help\n", r.err());
    }

    @Test
    void aClosedPortIsATemporaryFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliProcess.Result r = CliProcess.run(MESSAGE, "--host", "127.0.0.1", "--port", String.valueOf(port),
                "b@y.test");
        assertEquals(75, r.exit(), r.toString());
        assertTrue(r.err().endsWith("(not delivered; try again later)\n"), r.toString());
    }

    @Test
    void helpIsExit0() {
        CliProcess.Result r = CliProcess.run(new byte[0], "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("usage: xsmtp [options] [-t] [-f sender]"), r.toString());
        assertTrue(r.out().contains("--password-file F"), r.toString());
    }
}
