package org.xsmtp.cli;

import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The embedded GreenMail SMTP server on a free loopback port: where the command line sends when no
 * {@code --host} is given, so xsmtp can be tried without a mail server. GreenMail is a test dependency of the
 * library and is bundled only into {@code xsmtp-cli.jar}; it is reached by reflection, in this class alone,
 * so the library has no compile-time tie to it and works without it.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final String GREENMAIL = "com.icegreen.greenmail.util.GreenMail";
    private static final String SERVER_SETUP = "com.icegreen.greenmail.util.ServerSetup";

    private final Object greenMail;
    private final int port;

    private EmbeddedServer(Object greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    /**
     * Starts GreenMail's SMTP server on 127.0.0.1 and a free port.
     *
     * @return the running server
     * @throws CliFailure with {@link ExitCode#USAGE} when GreenMail is not on the class path (the plain library
     *     jar), or {@link ExitCode#SOFTWARE} when it fails to start
     */
    static EmbeddedServer start() throws CliFailure {
        Class<?> greenMailType;
        Class<?> setupType;
        try {
            greenMailType = Class.forName(GREENMAIL);
            setupType = Class.forName(SERVER_SETUP);
        } catch (ClassNotFoundException e) {
            throw CliFailure.usage("no --host given, and there is no embedded test server on the class path"
                    + " (GreenMail is bundled in xsmtp-cli.jar only): name the mail server with --host");
        }
        // GreenMail logs through SLF4J 1.7, which prints a three-line warning on standard error when no
        // logging backend is present; the bundled jar has none on purpose, so that moment is kept quiet.
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Object setup = setupType.getConstructor(int.class, String.class, String.class)
                    .newInstance(0, "127.0.0.1", "smtp");
            Object server = greenMailType.getConstructor(setupType).newInstance(setup);
            greenMailType.getMethod("start").invoke(server);
            Object smtp = greenMailType.getMethod("getSmtp").invoke(server);
            int port = (Integer) smtp.getClass().getMethod("getPort").invoke(smtp);
            return new EmbeddedServer(server, port);
        } catch (InvocationTargetException e) {
            throw new CliFailure(ExitCode.SOFTWARE, "the embedded GreenMail did not start: " + e.getCause(), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CliFailure(ExitCode.SOFTWARE, "the embedded GreenMail did not start: " + e, e);
        } finally {
            System.setErr(err);
        }
    }

    /** @return the SMTP port on 127.0.0.1 */
    int port() {
        return port;
    }

    /**
     * @return every message the server stored, one per recipient, in arrival order
     * @throws CliFailure with {@link ExitCode#SOFTWARE} when GreenMail cannot list them
     */
    List<MimeMessage> received() throws CliFailure {
        try {
            return List.of((MimeMessage[]) greenMail.getClass().getMethod("getReceivedMessages").invoke(greenMail));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CliFailure(ExitCode.SOFTWARE, "cannot read what the embedded GreenMail stored: " + e, e);
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            greenMail.getClass().getMethod("stop").invoke(greenMail);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the JVM is about to end; nothing is lost
        }
    }
}
