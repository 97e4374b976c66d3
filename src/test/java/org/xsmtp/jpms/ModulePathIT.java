package org.xsmtp.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xsmtp.testkit.Dialog;
import org.xsmtp.testkit.ScriptedServer;

/**
 * The packaged library jar as a JPMS module: a small application module, compiled here with the JDK's javac
 * (in process, through {@code java.util.spi.ToolProvider}),
 * {@code requires org.xsmtp} and {@code jakarta.mail}, finds the xsmtp transports with
 * {@code ServiceLoader.load(jakarta.mail.Provider.class)} and sends a message through
 * {@code Session.getTransport("xsmtp")} to the scripted server, everything on the module path of a new JVM.
 */
class ModulePathIT {
    private static final String MODULE_INFO = """
            module jpms.check {
                requires org.xsmtp;
                requires jakarta.mail;
                uses jakarta.mail.Provider;
            }
            """;

    private static final String MAIN = """
            package jpms.check;

            import jakarta.mail.Message;
            import jakarta.mail.Provider;
            import jakarta.mail.Session;
            import jakarta.mail.Transport;
            import jakarta.mail.internet.InternetAddress;
            import jakarta.mail.internet.MimeMessage;
            import java.util.Properties;
            import java.util.ServiceLoader;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    Module xsmtp = org.xsmtp.smtp.SmtpClient.class.getModule();
                    System.out.println("module " + xsmtp.getName() + " exports wire: " + xsmtp.isExported("org.xsmtp.wire"));
                    for (Provider p : ServiceLoader.load(Provider.class)) {
                        if ("xsmtp".equals(p.getVendor())) {
                            System.out.println("provider " + p.getProtocol() + " " + p.getClassName());
                        }
                    }
                    Properties props = new Properties();
                    props.setProperty("mail.xsmtp.host", "127.0.0.1");
                    props.setProperty("mail.xsmtp.port", args[0]);
                    props.setProperty("mail.xsmtp.localhost", "jpms.test");
                    Session session = Session.getInstance(props);
                    MimeMessage m = new MimeMessage(session);
                    m.setFrom(new InternetAddress("a@x.test"));
                    m.setRecipients(Message.RecipientType.TO, "b@y.test");
                    m.setSubject("jpms");
                    m.setText("sent from a named module");
                    m.saveChanges();
                    try (Transport t = session.getTransport("xsmtp")) {
                        System.out.println("transport " + t.getClass().getName() + " in module "
                                + t.getClass().getModule().getName());
                        t.connect();
                        t.sendMessage(m, m.getAllRecipients());
                    }
                    System.out.println("sent");
                }
            }
            """;

    /** The jars of the Jakarta Mail API and its implementation, taken from this test's class path. */
    private static List<String> jakartaJars() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jakarta.mail-api-") || name.startsWith("jakarta.activation-api-")
                    || name.startsWith("angus-activation-") || name.startsWith("angus-mail-")) {
                jars.add(entry);
            }
        }
        assertEquals(4, jars.size(), "Jakarta Mail jars on the class path: " + jars);
        return jars;
    }

    @Test
    void aNamedModuleFindsTheProviderWithServiceLoaderAndSends(@TempDir Path dir) throws Exception {
        Path xsmtpJar = Path.of(System.getProperty("xsmtp.jar"));
        assertTrue(Files.isRegularFile(xsmtpJar), xsmtpJar + " is missing: run with mvn verify");
        List<String> modulePath = new ArrayList<>(List.of(xsmtpJar.toString()));
        modulePath.addAll(jakartaJars());

        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("jpms/check"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("jpms/check/Main.java"), MAIN);
        Path classes = dir.resolve("classes");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintWriter log = new PrintWriter(diagnostics, true, StandardCharsets.UTF_8);
        int compiled = javac.run(log, log, "--release", "17",
                "--module-path", String.join(File.pathSeparator, modulePath), "-d", classes.toString(),
                src.resolve("module-info.java").toString(), src.resolve("jpms/check/Main.java").toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        Dialog dialog = Dialog.esmtp("PIPELINING").on("MAIL", "250 2.1.0 Ok").on("RCPT", "250 2.1.5 Ok")
                .on("DATA", "354 go ahead");
        try (ScriptedServer server = ScriptedServer.start(dialog)) {
            modulePath.add(0, classes.toString());
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--module-path", String.join(File.pathSeparator, modulePath),
                    "-m", "jpms.check/jpms.check.Main", String.valueOf(server.port()))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hang guard");
            assertEquals(0, p.exitValue(), output);
            assertEquals("module org.xsmtp exports wire: false\n"
                    + "provider xsmtp org.xsmtp.provider.XsmtpTransport\n"
                    + "provider xsmtps org.xsmtp.provider.XsmtpSslTransport\n"
                    + "provider xlmtp org.xsmtp.provider.XlmtpTransport\n"
                    + "transport org.xsmtp.provider.XsmtpTransport in module org.xsmtp\n"
                    + "sent\n", output);
            String transcript = server.transcript();
            assertTrue(transcript.startsWith("EHLO jpms.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\n"
                    + "DATA\r\n"), transcript);
            assertTrue(transcript.contains("\r\nSubject: jpms\r\n"), transcript);
            assertTrue(transcript.endsWith("\r\n\r\nsent from a named module\r\n.\r\nQUIT\r\n"), transcript);
        }
    }
}
