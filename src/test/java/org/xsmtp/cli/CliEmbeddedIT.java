package org.xsmtp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xsmtp.cli.CliProcess.ascii;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line with no {@code --host}: it starts the embedded GreenMail, sends, prints what the
 * server stored and stops, exactly as the README shows.
 */
class CliEmbeddedIT {
    /** The README's msg.eml. */
    static final String README_MESSAGE = "From: Alice <alice@example.test>\n"
            + "To: Bob <bob@example.test>\n"
            + "Bcc: carol@example.test\n"
            + "Subject: hello\n"
            + "\n"
            + "Hi Bob.\n"
            + ".\n"
            + "With -i a line with a single dot does not end the message.\n";

    @Test
    void theReadmeCommandPrintsTheStoredMessage() {
        CliProcess.Result r = CliProcess.run(ascii(README_MESSAGE), "-t", "-i");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.outLines().lines().toList();
        assertEquals("== the server stored 2 message(s), one per recipient, all the same:", lines.get(0), r.toString());
        assertEquals("Return-Path: <alice@example.test>", lines.get(1), r.toString());
        assertTrue(Pattern.matches("Received: from 127\\.0\\.0\\.1 \\(HELO .+\\); .+", lines.get(2)), r.toString());
        assertEquals(List.of("From: Alice <alice@example.test>", "To: Bob <bob@example.test>", "Subject: hello", "",
                "Hi Bob.", ".", "With -i a line with a single dot does not end the message.",
                "== end of stored message"), lines.subList(3, lines.size()), r.toString());
        assertTrue(Pattern.matches("xsmtp: no --host given: sending to an embedded GreenMail test server on "
                + "127\\.0\\.0\\.1:\\d+ \\(nothing leaves this machine\\)\n", r.err()), r.toString());
    }

    /** The README's quick start, its two shell lines run by sh in a scratch directory with the launcher script. */
    @Test
    void theReadmeQuickStartRunsAsShown(@TempDir Path dir) throws Exception {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        String printf = readme.stream().filter(l -> l.startsWith("printf '") && l.endsWith("' > msg.eml"))
                .findFirst().orElseThrow();
        assertEquals(README_MESSAGE, printf.substring(8, printf.length() - 11).replace("\\n", "\n"));
        assertTrue(readme.contains("target/xsmtp -t -i < msg.eml"), "README lost its xsmtp -t -i line");
        Path script = CliProcess.jar().resolveSibling("xsmtp").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", printf + " && " + script + " -t -i < msg.eml")
                .directory(dir.toFile());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "hang guard");
        assertEquals(0, p.exitValue(), out + err);
        String expected = CliProcess.run(ascii(README_MESSAGE), "-t", "-i").outLines();
        assertEquals(withoutReceived(expected), withoutReceived(out.replace("\r\n", "\n")), out + err);
    }

    @Test
    void withoutDashIALineWithASingleDotEndsTheStoredMessage() {
        CliProcess.Result r = CliProcess.run(ascii(README_MESSAGE), "-t");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.outLines().lines().toList();
        assertEquals(List.of("From: Alice <alice@example.test>", "To: Bob <bob@example.test>", "Subject: hello", "",
                "Hi Bob.", "== end of stored message"), lines.subList(3, lines.size()), r.toString());
    }

    @Test
    void withDashIOrDashOiTheDotLineArrivesIntact() {
        for (String option : List.of("-i", "-oi")) {
            CliProcess.Result r = CliProcess.run(ascii(README_MESSAGE), "-t", option);
            assertEquals(0, r.exit(), r.toString());
            List<String> lines = r.outLines().lines().toList();
            assertEquals(List.of("Hi Bob.", ".", "With -i a line with a single dot does not end the message.",
                    "== end of stored message"), lines.subList(lines.size() - 4, lines.size()), option + ": " + r);
        }
    }

    @Test
    void theDemoSendsAMultipartMessageThroughTheJakartaTransport() {
        CliProcess.Result r = CliProcess.run(new byte[0], "--demo");
        assertEquals(0, r.exit(), r.toString());
        String out = r.outLines();
        assertTrue(out.contains("== Session.getTransport(\"xsmtp\") is org.xsmtp.provider.XsmtpTransport"), out);
        assertTrue(out.contains("send: 'EHLO demo.xsmtp.test\\r\\n'"), out);
        assertTrue(out.contains("send: 'RCPT TO:<audit@example.test>\\r\\n'"), out);
        assertTrue(out.contains("== the server stored 3 message(s), one per recipient, all the same:"), out);
        assertTrue(out.contains("Content-Type: multipart/mixed;"), out);
        assertTrue(out.contains("Content-Disposition: attachment; filename=servers.csv"), out);
        assertTrue(out.contains("\n.A line starting with a dot arrives intact"), out);
        assertTrue(!out.contains("Bcc:") && !out.contains("audit@example.test>\nSubject"), out);
    }

    @Test
    void aBatchDirectoryShowsProgressAndCountsFailures(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1.eml"), "From: a@x.test\nTo: b@y.test\nSubject: one\n\n1\n");
        Files.writeString(dir.resolve("2.eml"), "To: b@y.test\nSubject: two, without a sender\n\n2\n");
        Files.writeString(dir.resolve("3.eml"), "From: a@x.test\nTo: c@y.test, d@y.test\nSubject: three\n\n3\n");
        Files.writeString(dir.resolve(".hidden"), "not a message");
        CliProcess.Result r = CliProcess.run(new byte[0], "-t", "--batch-dir", dir.toString(), "--progress");
        assertEquals(65, r.exit(), r.toString());
        assertEquals("== the server stored 3 message(s), one per recipient\n", r.outLines(), r.toString());
        List<String> err = r.err().lines().toList();
        assertTrue(err.get(0).startsWith("xsmtp: no --host given"), r.toString());
        assertEquals("xsmtp: 2.eml: message has no 'Sender' or 'From' header; pass the envelope sender explicitly"
                + " (-f ADDRESS)", err.get(1), r.toString());
        assertTrue(Pattern.matches("xsmtp: 3/3 messages, 1 failed, \\d+\\.\\d msg/s", err.get(2)), r.toString());
        assertEquals("xsmtp: 2 of 3 message(s) sent, 1 failed", err.get(3), r.toString());
        assertEquals(4, err.size(), r.toString());
    }

    @Test
    void theCliJarRegistersTheXsmtpAndAngusProviders() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(CliProcess.jar().toFile())) {
            assertEquals("org.xsmtp.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            String services = entry(jar, "META-INF/services/jakarta.mail.Provider");
            for (String provider : List.of("org.xsmtp.provider.XsmtpProvider", "org.xsmtp.provider.XsmtpsProvider",
                    "org.xsmtp.provider.XlmtpProvider", "org.eclipse.angus.mail.smtp.SMTPProvider",
                    "org.eclipse.angus.mail.pop3.POP3Provider")) {
                assertTrue(services.lines().anyMatch(provider::equals), provider + " missing: " + services);
            }
            for (String file : List.of("META-INF/jakarta.providers", "META-INF/javamail.providers")) {
                assertTrue(entry(jar, file).contains("protocol=xsmtp; type=transport; "
                        + "class=org.xsmtp.provider.XsmtpTransport;"), file);
            }
            assertEquals(null, jar.getEntry("module-info.class"));
        }
    }

    @Test
    void theCliJarKeepsEveryBundledArtifactsLicenceAndNotice() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(CliProcess.jar().toFile())) {
            assertEquals(null, jar.getEntry("META-INF/LICENSE.md"), "one artifact's licence would hide the others");
            assertEquals(null, jar.getEntry("META-INF/NOTICE.md"));
            Map<String, String> licenceMarks = Map.of("jakarta.mail-api", "Eclipse Public License",
                    "angus-mail", "Eclipse Public License", "jakarta.activation-api", "Redistribution and use",
                    "angus-activation", "Redistribution and use");
            licenceMarks.forEach((artifact, mark) -> {
                String dir = "META-INF/licenses/" + artifact + "/META-INF/";
                try {
                    assertTrue(entry(jar, dir + "LICENSE.md").contains(mark), dir + "LICENSE.md");
                    assertTrue(entry(jar, dir + "NOTICE.md").startsWith("# Notices for"), dir + "NOTICE.md");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static String entry(java.util.jar.JarFile jar, String name) throws java.io.IOException {
        try (java.io.InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String withoutReceived(String out) {
        return out.replaceAll("Received: [^\n]*\n", "");
    }
}
